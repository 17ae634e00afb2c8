package io.rosterline.sync.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * SourcedIds of one run, held compactly outside the Java heap: 64-bit key (hash of the sourcedId) -> 64-bit value
 * (the content hash, for a digest; unused, for a set of ids), open addressing, plus a "seen" bit per slot. 16 bytes
 * a slot, kept in a memory-mapped temporary file (deleted at once, so nothing outlives the process): the worker's heap
 * stays the same whatever the district's size, and under memory pressure the kernel pages the table out to that file
 * instead of the JVM running out of heap. A district of 8M enrollments needs about 256 MB of it.
 */
final class SourcedIdTable implements AutoCloseable {

    /** Slots past this would not fit one mapping (2 GB); 67M ids per collection is far beyond any district. */
    private static final int MAX_CAPACITY = 1 << 26;

    private final Path directory;
    private MappedByteBuffer mapped;
    private LongBuffer keys;
    private LongBuffer values;
    private LongBuffer seen;
    private int capacity;
    private int size;
    private int mask;

    SourcedIdTable(int expected) {
        this(expected, Path.of(System.getProperty("java.io.tmpdir")));
    }

    SourcedIdTable(int expected, Path directory) {
        this.directory = directory;
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int newCapacity) {
        if (newCapacity > MAX_CAPACITY) {
            throw new IllegalStateException("More than " + MAX_CAPACITY / 2 + " records in one collection");
        }
        long bytes = newCapacity * 16L + (newCapacity / 64 + 1) * 8L;
        try {
            Path file = Files.createTempFile(directory, "rosterline-ids-", ".bin");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // A sparse file: pages are zero until written, so a fresh table costs nothing until it is filled.
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            } finally {
                Files.delete(file); // the mapping keeps the pages; the name is gone, so nothing is left behind
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make room for the run's ids in " + directory + ": " + e.getMessage(), e);
        }
        keys = slice(0, newCapacity);
        values = slice(newCapacity * 8L, newCapacity);
        seen = slice(newCapacity * 16L, newCapacity / 64 + 1);
        capacity = newCapacity;
        mask = newCapacity - 1;
        size = 0;
    }

    private LongBuffer slice(long offset, int longs) {
        ByteBuffer view = mapped.duplicate();
        view.position((int) offset).limit((int) (offset + longs * 8L));
        return view.slice().asLongBuffer();
    }

    int size() {
        return size;
    }

    /** Stores {@code value} under {@code key}. */
    void put(long key, long value) {
        if ((size + 1) * 2L > capacity) {
            grow();
        }
        key = key == 0 ? 1 : key;
        int slot = slot(key);
        long k;
        while ((k = keys.get(slot)) != 0 && k != key) {
            slot = (slot + 1) & mask;
        }
        if (k == 0) {
            size++;
        }
        keys.put(slot, key);
        values.put(slot, value);
    }

    /** Adds {@code key} as a member of a set (its value unused); tells whether it was new. */
    boolean add(long key) {
        int before = size;
        put(key, 0);
        return size > before;
    }

    boolean contains(long key) {
        return find(key) >= 0;
    }

    /** Marks the key seen and tells whether the stored value equals {@code value}. */
    boolean markSeenAndCompare(long key, long value) {
        int slot = find(key);
        if (slot < 0) {
            return false;
        }
        seen.put(slot >>> 6, seen.get(slot >>> 6) | 1L << (slot & 63));
        return values.get(slot) == value;
    }

    boolean wasSeen(long key) {
        int slot = find(key);
        return slot >= 0 && (seen.get(slot >>> 6) & (1L << (slot & 63))) != 0;
    }

    /** How many stored keys were marked seen: when it equals {@link #size()}, nothing stored went unseen. */
    long seenCount() {
        long count = 0;
        for (int i = 0; i < seen.capacity(); i++) {
            count += Long.bitCount(seen.get(i));
        }
        return count;
    }

    private int find(long key) {
        key = key == 0 ? 1 : key;
        int slot = slot(key);
        long k;
        while ((k = keys.get(slot)) != 0) {
            if (k == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Doubles the table (seen bits are not kept: a table is filled before anything is marked seen). */
    private void grow() {
        LongBuffer oldKeys = keys;
        LongBuffer oldValues = values;
        int oldCapacity = capacity;
        MappedByteBuffer old = mapped;
        allocate(capacity * 2);
        for (int i = 0; i < oldCapacity; i++) {
            long k = oldKeys.get(i);
            if (k != 0) {
                put(k, oldValues.get(i));
            }
        }
        Unmapper.unmap(old);
    }

    /** Gives the pages back now rather than when the collector finds the buffer unreachable. */
    @Override
    public void close() {
        MappedByteBuffer old = mapped;
        mapped = null;
        keys = values = seen = null;
        if (old != null) {
            Unmapper.unmap(old);
        }
    }

    /** 64-bit FNV-1a with a final mix: the key of a sourcedId (null, which no source should send, is one key of its own). */
    static long keyOf(String sourcedId) {
        if (sourcedId == null) {
            return 0x6e756c6cL;
        }
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

    /**
     * Java 17 has no public way to unmap a buffer; {@code sun.misc.Unsafe.invokeCleaner} (jdk.unsupported) does it, as
     * Lucene and Netty do. Where it is missing the mapping simply lives until the buffer is collected.
     */
    private static final class Unmapper {
        private static final java.lang.invoke.MethodHandle INVOKE_CLEANER = find();

        private static java.lang.invoke.MethodHandle find() {
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field field = unsafeClass.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                Object unsafe = field.get(null);
                return java.lang.invoke.MethodHandles.lookup()
                        .findVirtual(unsafeClass, "invokeCleaner", java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                        .bindTo(unsafe);
            } catch (ReflectiveOperationException | RuntimeException unavailable) {
                return null;
            }
        }

        static void unmap(MappedByteBuffer buffer) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
            } catch (Throwable ignored) {
                // left to the collector
            }
        }
    }
}
