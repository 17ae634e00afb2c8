package io.rosterline.sis.sandbox;

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sandbox.Summary;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The PowerSchool reader against the sandbox's PowerSchool-shaped endpoints, checked against the same district read
 * over the sandbox's OneRoster API: two APIs of one district must give the same people, grades, emails and counts.
 */
class SandboxPowerSchoolTest {

    private static SandboxSis sandbox;
    /** The district as OneRoster 1.1 tells it: users by sourcedId, and enrollment counts. */
    private static Map<String, User> oneRosterUsers;
    private static long oneRosterStudentEnrollments;
    private static long oneRosterTeacherEnrollments;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(1300).seed(21).threads(2));
        OneRosterRestReader oneRoster = new OneRosterRestReader(new OneRosterRestReader.Config(
                URI.create(sandbox.oneRoster11Url()), new OAuth2ClientCredentials(URI.create(sandbox.tokenUrl()),
                sandbox.clientId(), sandbox.clientSecret(), null, OAuth2ClientCredentials.ClientAuth.BASIC_HEADER,
                new SisHttp(SandboxReadTest.fastRetries(), "token")), 1000, SandboxReadTest.fastRetries(),
                OneRosterRestReader.Version.V1P1));
        oneRosterUsers = new HashMap<>();
        oneRoster.read(RosterCollection.USERS, null, r -> oneRosterUsers.put(r.sourcedId(), (User) r), new ReadReport());
        long[] counts = new long[2];
        oneRoster.read(RosterCollection.ENROLLMENTS, null, r -> {
            Enrollment e = (Enrollment) r;
            if (e.role() == Role.STUDENT) {
                counts[0]++;
            } else if (e.role() == Role.TEACHER) {
                counts[1]++; // lead teachers and co-teachers (PowerSchool's assigned_staff)
            }
        }, new ReadReport());
        oneRosterStudentEnrollments = counts[0];
        oneRosterTeacherEnrollments = counts[1];
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void cleanDistrict() {
        sandbox.reset();
    }

    private static RosterReader powerSchool(int pageSize) {
        return RosterReaders.open(new SourceConfig(SourceKind.POWERSCHOOL, URI.create(sandbox.baseUrl()),
                sandbox.clientId(), sandbox.clientSecret(), "oauth2", null, null, null, pageSize,
                SandboxReadTest.fastRetries()));
    }

    /** PowerSchool user ids are table-prefixed numbers; the sandbox's OneRoster ids are stu-/tch- padded numbers. */
    private static User oneRosterTwin(User ps) {
        String number = ps.sourcedId().substring(ps.sourcedId().indexOf('-') + 1);
        String prefix = ps.sourcedId().startsWith("student-") ? "stu-" : "tch-";
        for (User u : oneRosterUsers.values()) {
            if (u.sourcedId().startsWith(prefix) && Integer.parseInt(u.sourcedId().substring(4)) == Integer.parseInt(number)) {
                return u;
            }
        }
        return fail("no OneRoster user for " + ps.sourcedId());
    }

    private static void assertWholeDistrict(ReadReport report) {
        Summary expected = sandbox.expectedSummary();
        assertEquals(expected.get("schools").active(), report.count(RosterCollection.ORGS), "schools");
        assertEquals(3, report.count(RosterCollection.ACADEMIC_SESSIONS), "the year and two semesters, once each");
        assertEquals(expected.get("courses").active(), report.count(RosterCollection.COURSES), "courses");
        assertEquals(expected.get("classes").active(), report.count(RosterCollection.CLASSES), "sections");
        assertEquals(expected.get("users").active(), report.count(RosterCollection.USERS), "students and staff");
        assertEquals(oneRosterStudentEnrollments + oneRosterTeacherEnrollments, report.count(RosterCollection.ENROLLMENTS),
                "section enrollments plus each section's lead and co-teachers");
        assertEquals(0, report.errorCount(), report.errors().toString());
    }

    @Test
    void givenTheSandboxDistrict_whenReadInFullOverPowerSchool_thenCountsGradesAndEmailsMatchItsOneRosterApi() {
        Map<String, User> users = new HashMap<>();
        ReadReport report;
        try (RosterReader reader = powerSchool(100)) {
            report = reader.readAll(null, r -> {
                if (r instanceof User u) {
                    users.put(u.sourcedId(), u);
                }
            });
        }

        assertWholeDistrict(report);
        int students = 0;
        for (User ps : users.values()) {
            User twin = oneRosterTwin(ps);
            assertEquals(twin.email(), ps.email(), ps.sourcedId() + " email (contact_info / emails expansions)");
            assertEquals(twin.givenName(), ps.givenName());
            if (ps.role() == Role.STUDENT) {
                students++;
                assertEquals(twin.grades(), ps.grades(), ps.sourcedId() + " grade (school_enrollment expansion)");
            }
        }
        assertEquals(sandbox.expectedSummary().get("students").active(), students);
    }

    @Test
    void givenAPageSizeMuchSmallerThanEachList_whenRead_thenEveryPageIsFetchedAndNothingIsLostOrDoubled() {
        Set<String> ids = new HashSet<>();
        long[] records = new long[1];
        ReadReport report;
        try (RosterReader reader = powerSchool(7)) {
            report = reader.readAll(null, r -> {
                ids.add(r.collection() + ":" + r.sourcedId());
                records[0]++;
            });
        }

        assertWholeDistrict(report);
        assertEquals(records[0], ids.size(), "no record twice");
        long studentsPerSchool = sandbox.expectedSummary().get("students").active() / sandbox.expectedSummary().get("schools").active();
        // The users read pages every school's students in pages of 7 (plus one request per list for /count).
        assertTrue(sandbox.stats().get("endpoint.GET /ws/v1/school/{id}/student") >= studentsPerSchool / 7,
                "paged: " + sandbox.stats().get("endpoint.GET /ws/v1/school/{id}/student"));
    }

    @Test
    void givenAServerWithoutCountEndpoints_whenRead_thenListsEndAtTheFirstEmptyPage() {
        sandbox.faults().omitCountHeaders = true;
        ReadReport report;
        try (RosterReader reader = powerSchool(50)) {
            report = reader.readAll(null, r -> { });
        }

        assertWholeDistrict(report);
        assertTrue(sandbox.stats().get("status.404") > 0, "the /count endpoints answered 404");
    }

    @Test
    void givenAClampedPageSize_whenRead_thenShortPagesDoNotEndALongList() {
        sandbox.faults().maxLimit = 20;
        Set<String> users = new HashSet<>();
        try (RosterReader reader = powerSchool(100)) {
            ReadReport report = reader.read(RosterCollection.USERS, null, (RosterRecord r) -> users.add(r.sourcedId()));
            assertEquals(sandbox.expectedSummary().get("users").active(), report.count(RosterCollection.USERS));
        }
        assertEquals(sandbox.expectedSummary().get("users").active(), users.size());
    }
}
