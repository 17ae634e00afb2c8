package io.rosterline.sis.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes OneRoster CSV zips for tests. */
final class CsvZips {

    private CsvZips() {
    }

    static String manifest(String version, Map<String, String> files) {
        StringBuilder sb = new StringBuilder("propertyName,value\nmanifest.version,1.0\noneroster.version," + version + "\n");
        files.forEach((k, v) -> sb.append("file.").append(k).append(',').append(v).append('\n'));
        return sb.toString();
    }

    static Path zip(Path dir, String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    static Map<String, byte[]> files(String... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put(nameThenContent[i], nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    interface RowWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A zip whose one big entry is written by the caller, row by row (so the test itself stays in flat memory). */
    static Path bigZip(Path dir, String name, String manifest, String entryName, RowWriter rows) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("manifest.csv"));
            out.write(manifest.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(entryName));
            rows.write(out);
            out.closeEntry();
        }
        return zip;
    }
}
