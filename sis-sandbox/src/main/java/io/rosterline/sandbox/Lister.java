package io.rosterline.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Paging over generated records without materialising them. A listing is a sequence of candidate
 * positions (each maps to a record index or -1) plus an optional filter. Totals are cached per
 * listing and roster version; the position where a page ended is cached under the next offset, so a
 * client paging forward costs O(page) per request instead of O(offset).
 */
final class Lister {

    /** Candidate positions 0..size-1 of a listing; {@link #at} gives the record index or -1 (skip). */
    interface Candidates {
        int size();

        int at(int pos);
    }

    private static final int CACHE_LIMIT = 4096;
    private final Map<String, Integer> totals = new ConcurrentHashMap<>();
    private final Map<String, Integer> cursors = new ConcurrentHashMap<>();

    static Candidates range(int from, int to, IntPredicate exists) {
        int size = Math.max(0, to - from);
        return new Candidates() {
            public int size() {
                return size;
            }

            public int at(int pos) {
                int i = from + pos;
                return exists.test(i) ? i : -1;
            }
        };
    }

    static Candidates concat(Candidates a, Candidates b) {
        int sa = a.size();
        int size = sa + b.size();
        return new Candidates() {
            public int size() {
                return size;
            }

            public int at(int pos) {
                return pos < sa ? a.at(pos) : b.at(pos - sa);
            }
        };
    }

    static Candidates where(Candidates c, IntPredicate keep) {
        return new Candidates() {
            public int size() {
                return c.size();
            }

            public int at(int pos) {
                int i = c.at(pos);
                return i >= 0 && keep.test(i) ? i : -1;
            }
        };
    }

    /** Maps each candidate to another record index (e.g. enrollment to user); a negative result is skipped. */
    static Candidates map(Candidates c, IntUnaryOperator f) {
        return new Candidates() {
            public int size() {
                return c.size();
            }

            public int at(int pos) {
                int i = c.at(pos);
                return i >= 0 ? f.applyAsInt(i) : -1;
            }
        };
    }

    static Candidates of(int... indices) {
        return new Candidates() {
            public int size() {
                return indices.length;
            }

            public int at(int pos) {
                return indices[pos];
            }
        };
    }

    static final Candidates EMPTY = of();

    int total(String key, Candidates c, IntPredicate filter) {
        Integer cached = totals.get(key);
        if (cached != null) {
            return cached;
        }
        int n = 0;
        int size = c.size();
        for (int pos = 0; pos < size; pos++) {
            int i = c.at(pos);
            if (i >= 0 && (filter == null || filter.test(i))) {
                n++;
            }
        }
        if (totals.size() > CACHE_LIMIT) {
            totals.clear();
        }
        totals.put(key, n);
        return n;
    }

    /** Position at which the record number {@code offset} (0-based, among matches) can be searched from. */
    int seek(String key, int offset, Candidates c, IntPredicate filter) {
        if (offset == 0) {
            return 0;
        }
        Integer cached = cursors.get(key + "@" + offset);
        if (cached != null) {
            return cached;
        }
        int n = 0;
        int size = c.size();
        int pos = 0;
        for (; pos < size && n < offset; pos++) {
            int i = c.at(pos);
            if (i >= 0 && (filter == null || filter.test(i))) {
                n++;
            }
        }
        return pos;
    }

    void remember(String key, int nextOffset, int pos) {
        if (cursors.size() > CACHE_LIMIT) {
            cursors.clear();
        }
        cursors.put(key + "@" + nextOffset, pos);
    }

    void clear() {
        totals.clear();
        cursors.clear();
    }
}
