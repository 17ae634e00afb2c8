package io.rosterline.sis.csv;

/**
 * Caps that keep a hostile or broken zip from exhausting disk, memory or time.
 *
 * @param maxTotalUncompressedBytes all entries together may not inflate to more than this
 * @param maxCompressionRatio       an entry larger than 1 MB may not inflate to more than this many times its
 *                                  compressed size (CSV compresses 5-20x; zip bombs 1000x)
 * @param maxEntries                a OneRoster export has about a dozen files
 */
public record ZipLimits(long maxTotalUncompressedBytes, long maxCompressionRatio, int maxEntries) {
    public static ZipLimits defaults() {
        return new ZipLimits(4L * 1024 * 1024 * 1024, 200, 1000);
    }
}
