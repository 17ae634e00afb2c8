package io.rosterline.sis.csv;

import io.rosterline.sis.SisException;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a OneRoster CSV export: a zip (entries read as streams, never unpacked to disk or memory) or a
 * folder. File names are matched without regard to letter case (one real export ships "userprofiles.csv").
 */
abstract class CsvSource implements Closeable {

    /** The real file name for a OneRoster name like "users.csv", or null when absent. */
    abstract String find(String name);

    abstract InputStream open(String actualName) throws IOException;

    abstract String describe();

    static CsvSource of(Path path, ZipLimits limits) {
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new SisException.InvalidData("There is no OneRoster CSV file or folder at " + path + ".");
        }
        return new Zip(path, limits);
    }

    static final class Folder extends CsvSource {
        private final Path dir;
        private final Map<String, String> names = new HashMap<>();

        Folder(Path dir) {
            this.dir = dir;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String n = f.getFileName().toString();
                    names.put(n.toLowerCase(Locale.ROOT), n);
                });
            } catch (IOException e) {
                throw new SisException.InvalidData("The folder " + dir + " cannot be read: " + e.getMessage(), e);
            }
        }

        @Override
        String find(String name) {
            return names.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        InputStream open(String actualName) throws IOException {
            return Files.newInputStream(dir.resolve(actualName));
        }

        @Override
        String describe() {
            return "folder " + dir.getFileName();
        }

        @Override
        public void close() {
        }
    }

    static final class Zip extends CsvSource {
        private final ZipFile zip;
        private final Path path;
        private final ZipLimits limits;
        private final Map<String, ZipEntry> entries = new HashMap<>();
        /** Shared by all entries: the cap is on the whole archive. */
        private long totalRead;

        Zip(Path path, ZipLimits limits) {
            this.path = path;
            this.limits = limits;
            try {
                this.zip = new ZipFile(path.toFile());
            } catch (IOException e) {
                throw new SisException.InvalidData(path.getFileName() + " is not a readable zip file: " + e.getMessage(), e);
            }
            int count = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (++count > limits.maxEntries()) {
                    closeQuietly();
                    throw new SisException.InvalidData(path.getFileName() + " holds more than " + limits.maxEntries()
                            + " entries; a OneRoster export has a dozen. Refused.");
                }
                String name = e.getName();
                if (unsafeName(name)) {
                    closeQuietly();
                    throw new SisException.InvalidData(path.getFileName() + " contains the entry '" + name
                            + "', whose path leaves the archive (path traversal). Refused.");
                }
                if (e.isDirectory() || name.startsWith("__MACOSX/")) {
                    continue;
                }
                // Exports sometimes wrap the files in one folder; the file name alone identifies them.
                String base = name.substring(name.lastIndexOf('/') + 1);
                entries.put(base.toLowerCase(Locale.ROOT), e);
            }
        }

        private static String size(long bytes) {
            return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
        }

        static boolean unsafeName(String name) {
            String n = name.replace('\\', '/');
            if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
                return true;
            }
            for (String segment : n.split("/")) {
                if (segment.equals("..")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        String find(String name) {
            ZipEntry e = entries.get(name.toLowerCase(Locale.ROOT));
            return e == null ? null : e.getName();
        }

        @Override
        InputStream open(String actualName) throws IOException {
            ZipEntry e = zip.getEntry(actualName);
            return new CappedStream(zip.getInputStream(e), e);
        }

        @Override
        String describe() {
            return path.getFileName().toString();
        }

        private void closeQuietly() {
            try {
                zip.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }

        /** Counts inflated bytes and stops at the total cap or an absurd compression ratio (zip bomb). */
        private final class CappedStream extends FilterInputStream {
            private final ZipEntry entry;
            private long entryRead;

            CappedStream(InputStream in, ZipEntry entry) {
                super(in);
                this.entry = entry;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    account(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    account(n);
                }
                return n;
            }

            private void account(int n) {
                entryRead += n;
                totalRead += n;
                if (totalRead > limits.maxTotalUncompressedBytes()) {
                    throw new SisException.InvalidData(path.getFileName() + " unpacks to more than "
                            + size(limits.maxTotalUncompressedBytes()) + "; refused as a possible zip bomb.");
                }
                long compressed = Math.max(entry.getCompressedSize(), 1);
                // Small entries legitimately compress very well; the ratio only matters once an entry is large.
                if (entryRead > 1024 * 1024 && entryRead / compressed > limits.maxCompressionRatio()) {
                    throw new SisException.InvalidData(path.getFileName() + ": " + entry.getName()
                            + " expands more than " + limits.maxCompressionRatio()
                            + " times its compressed size; refused as a possible zip bomb.");
                }
            }
        }
    }
}
