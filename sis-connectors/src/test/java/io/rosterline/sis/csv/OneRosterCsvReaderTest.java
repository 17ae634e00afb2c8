package io.rosterline.sis.csv;

import io.rosterline.sis.Leniency;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.SisException;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.rosterline.sis.csv.CsvZips.files;
import static io.rosterline.sis.csv.CsvZips.manifest;
import static io.rosterline.sis.csv.CsvZips.zip;
import static org.junit.jupiter.api.Assertions.*;

class OneRosterCsvReaderTest {

    @TempDir
    Path dir;

    private static final String BULK_11 = manifest("1.1", Map.of("orgs", "bulk", "classes", "bulk", "users", "bulk",
            "enrollments", "bulk", "academicSessions", "absent", "courses", "absent"));

    private List<RosterRecord> read(Path source, RosterCollection c, Instant since, ReadReport report) {
        List<RosterRecord> out = new ArrayList<>();
        try (OneRosterCsvReader reader = OneRosterCsvReader.open(source)) {
            reader.read(c, since, out::add, report);
        }
        return out;
    }

    @Test
    void givenColumnsInAnyOrderWithBomQuotedCommaListsAndCrlf_whenClassesAreRead_thenEveryValueLandsInItsField() throws Exception {
        String classes = "\uFEFFtermSourcedIds,sourcedId,title,schoolSourcedId,courseSourcedId,classType,grades,status,dateLastModified\r\n"
                + "\"t1,t2\",c1,\"Algebra, Honors \"\"A\"\"\",s1,co1,scheduled,\"09,10\",,\r\n"
                + "t1,c2,\"Line\nbreak\",s1,co1,homeroom,,active,2026-01-02T03:04:05.678Z\r\n";
        Path zip = zip(dir, "a.zip", files("manifest.csv", BULK_11, "classes.csv", classes));
        ReadReport report = new ReadReport();

        List<RosterRecord> out = read(zip, RosterCollection.CLASSES, null, report);

        assertEquals(2, out.size());
        RosterClass c1 = (RosterClass) out.get(0);
        assertEquals("c1", c1.sourcedId());
        assertEquals("Algebra, Honors \"A\"", c1.title());
        assertEquals(List.of("t1", "t2"), c1.termSourcedIds());
        assertEquals(List.of("09", "10"), c1.grades());
        assertEquals(Status.ACTIVE, c1.status());
        assertNull(c1.dateLastModified());
        RosterClass c2 = (RosterClass) out.get(1);
        assertEquals("Line\nbreak", c2.title());
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), c2.dateLastModified());
        assertEquals(0, report.warningCount(), report.toString());
    }

    @Test
    void givenBadRows_thenEachIsAnErrorNamingFileAndLineAndTheGoodRowsStillArrive() throws Exception {
        String enrollments = "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role,status,dateLastModified\n"
                + "e1,c1,s1,u1,student,,\n"
                + ",c1,s1,u2,student,,\n"
                + "e3,,s1,u3,teacher,,\n"
                + "e4,c1,s1,u4,Teacher,,\n";
        Path zip = zip(dir, "b.zip", files("manifest.csv", BULK_11, "enrollments.csv", enrollments));
        ReadReport report = new ReadReport();

        List<RosterRecord> out = read(zip, RosterCollection.ENROLLMENTS, null, report);

        assertEquals(List.of("e1", "e4"), out.stream().map(RosterRecord::sourcedId).toList());
        assertEquals(Role.TEACHER, ((Enrollment) out.get(1)).role());
        assertEquals(List.of("enrollments.csv line 3: no sourcedId; row skipped",
                "enrollments.csv line 4: no classSourcedId; row skipped"), report.errors());
        assertEquals(1, report.warningCount(Leniency.ENUM_CASE));
    }

    @Test
    void givenADeltaExport_thenStatusIsRequiredAndSinceFiltersOlderRows() throws Exception {
        String manifest = manifest("1.1", Map.of("users", "delta"));
        String users = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName,userIds\n"
                + "u1,tobedeleted,2026-02-01T00:00:00Z,true,\"s1,s2\",student,a,A,One,\"{LDAP:12},{LTI:15}\"\n"
                + "u2,active,2025-12-01T00:00:00Z,true,s1,teacher,b,B,Two,\n"
                + "u3,,2026-02-02T00:00:00Z,false,s1,aide,c,C,Three,\n";
        Path zip = zip(dir, "d.zip", files("manifest.csv", manifest, "users.csv", users));
        ReadReport report = new ReadReport();

        List<RosterRecord> out = read(zip, RosterCollection.USERS, Instant.parse("2026-01-01T00:00:00Z"), report);

        assertEquals(List.of("u1", "u3"), out.stream().map(RosterRecord::sourcedId).toList());
        User u1 = (User) out.get(0);
        assertEquals(Status.TOBEDELETED, u1.status());
        assertEquals(List.of("s1", "s2"), u1.orgSourcedIds());
        assertEquals(List.of(new User.UserId("LDAP", "12"), new User.UserId("LTI", "15")), u1.userIds());
        assertEquals(1, report.warningCount(Leniency.STATUS_MISSING));
    }

    @Test
    void givenAZipBomb_thenItIsRefusedBeforeItFillsMemory() throws Exception {
        Path zip = CsvZips.bigZip(dir, "bomb.zip", BULK_11, "users.csv", out -> {
            out.write("sourcedId,username\n".getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1024 * 1024];
            java.util.Arrays.fill(zeros, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        });

        SisException e = assertThrows(SisException.InvalidData.class,
                () -> read(zip, RosterCollection.USERS, null, new ReadReport()));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void givenATotalSizeCap_thenAnExportLargerThanTheCapIsRefused() throws Exception {
        StringBuilder users = new StringBuilder("sourcedId,username\n");
        for (int i = 0; i < 5000; i++) {
            users.append("u").append(i).append(",name").append(i).append('\n');
        }
        Path zip = zip(dir, "big.zip", files("manifest.csv", BULK_11, "users.csv", users.toString()));

        SisException e = assertThrows(SisException.InvalidData.class, () -> {
            try (OneRosterCsvReader reader = OneRosterCsvReader.open(zip, new ZipLimits(10_000, 200, 100))) {
                reader.read(RosterCollection.USERS, null, r -> { }, new ReadReport());
            }
        });
        assertTrue(e.getMessage().contains("unpacks to more than"), e.getMessage());
    }

    @Test
    void givenAPathTraversalEntry_thenTheWholeZipIsRefused() throws Exception {
        Path zip = zip(dir, "evil.zip", files("manifest.csv", BULK_11, "../../etc/users.csv", "sourcedId\nu1\n"));

        SisException e = assertThrows(SisException.InvalidData.class, () -> OneRosterCsvReader.open(zip));
        assertTrue(e.getMessage().contains("path traversal") && e.getMessage().contains("../../etc/users.csv"), e.getMessage());
    }

    @Test
    void givenALatin1File_thenItIsRefusedWithAnExportAsUtf8Hint() throws Exception {
        Map<String, byte[]> f = files("manifest.csv", BULK_11);
        f.put("users.csv", "sourcedId,givenName\nu1,Ren\u00e9e\n".getBytes(StandardCharsets.ISO_8859_1));
        Path zip = zip(dir, "latin1.zip", f);

        SisException e = assertThrows(SisException.InvalidData.class,
                () -> read(zip, RosterCollection.USERS, null, new ReadReport()));
        assertTrue(e.getMessage().contains("users.csv") && e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void givenNoManifest_thenTheExportIsNotOneRoster() throws Exception {
        Path zip = zip(dir, "nomanifest.zip", files("users.csv", "sourcedId\nu1\n"));

        SisException e = assertThrows(SisException.InvalidData.class, () -> OneRosterCsvReader.open(zip));
        assertTrue(e.getMessage().contains("no manifest.csv"), e.getMessage());
    }

    @Test
    void givenAManifestThatListsAMissingFile_thenTheErrorNamesIt() throws Exception {
        Path zip = zip(dir, "missing.zip", files("manifest.csv", BULK_11));

        SisException e = assertThrows(SisException.InvalidData.class,
                () -> read(zip, RosterCollection.ORGS, null, new ReadReport()));
        assertTrue(e.getMessage().contains("orgs.csv"), e.getMessage());
    }

    @Test
    void givenTwoMillionEnrollmentsInAZip_whenRead_thenAllArriveInFlatMemory() throws Exception {
        int rows = 2_000_000;
        Path zip = CsvZips.bigZip(dir, "two-million.zip", BULK_11, "enrollments.csv", raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            out.write("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < rows; i++) {
                out.write(("enr-" + i + ",active,2026-01-15T10:00:00.000Z,cls-" + (i % 40_000) + ",sch-" + (i % 50)
                        + ",usr-" + (i / 7) + ",student,false,2025-08-20,2026-06-10\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        });
        AtomicLong seen = new AtomicLong();
        ReadReport report = new ReadReport();

        // Surefire runs this JVM with -Xmx256m; 2M enrollment records held at once would need well over 400 MB.
        try (OneRosterCsvReader reader = OneRosterCsvReader.open(zip)) {
            reader.read(RosterCollection.ENROLLMENTS, null, r -> seen.incrementAndGet(), report);
        }

        assertEquals(rows, seen.get());
        assertEquals(rows, report.count(RosterCollection.ENROLLMENTS));
        assertEquals(0, report.errorCount());
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L * 1024 * 1024 + 16 * 1024 * 1024,
                "the test JVM must run with -Xmx256m to prove flat memory");
    }
}
