package io.rosterline.sync.engine;

import java.util.Arrays;

/**
 * The current digest of one collection held compactly: 64-bit key (hash of the sourcedId) -> 64-bit content hash,
 * open addressing in two long arrays, plus a "seen" bit per slot. 16 bytes per record before load factor, so
 * 170,000 users take about 5 MB, where a HashMap of strings would take ten times that.
 */
final class DigestTable {

    private long[] keys;
    private long[] values;
    private long[] seen;
    private int size;
    private int mask;

    DigestTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new long[capacity];
        seen = new long[(capacity + 63) / 64];
        mask = capacity - 1;
        size = 0;
    }

    int size() {
        return size;
    }

    void put(long key, long value) {
        if ((size + 1) * 2L > keys.length) {
            grow();
        }
        key = key == 0 ? 1 : key;
        int slot = slot(key);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    /** Marks the key seen and tells whether the stored content hash equals {@code value}. */
    boolean markSeenAndCompare(long key, long value) {
        key = key == 0 ? 1 : key;
        int slot = slot(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                seen[slot >>> 6] |= 1L << (slot & 63);
                return values[slot] == value;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    boolean wasSeen(long key) {
        key = key == 0 ? 1 : key;
        int slot = slot(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return (seen[slot >>> 6] & (1L << (slot & 63))) != 0;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(seen, 0L);
    }

    /** 64-bit FNV-1a with a final mix: the key of a sourcedId. */
    static long keyOf(String sourcedId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < sourcedId.length(); i++) {
            h ^= sourcedId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
