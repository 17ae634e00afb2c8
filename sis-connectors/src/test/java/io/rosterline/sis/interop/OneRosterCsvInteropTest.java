package io.rosterline.sis.interop;

import io.rosterline.sis.Leniency;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reads every OneRoster CSV set from moodle-enrol_oneroster (an IMS-certified consumer's fixtures), both as the zip
 * and as the unpacked folder. Expected counts and warnings were counted by hand from the files.
 */
class OneRosterCsvInteropTest {

    private record Read(ReadReport report, Map<String, RosterRecord> byId) {
        <T> T get(String id, Class<T> type) {
            return type.cast(byId.get(id));
        }
    }

    private static Read readAll(String set) {
        Map<String, RosterRecord> byId = new HashMap<>();
        try (OneRosterCsvReader reader = OneRosterCsvReader.open(InteropData.resolve("moodle-enrol_oneroster/" + set))) {
            ReadReport report = reader.readAll(null, r -> byId.put(r.collection() + ":" + r.sourcedId(), r));
            return new Read(report, byId);
        }
    }

    private static void assertCounts(ReadReport report, long orgs, long sessions, long courses, long classes, long users,
                                     long enrollments) {
        assertEquals(Map.of(RosterCollection.ORGS, orgs, RosterCollection.ACADEMIC_SESSIONS, sessions,
                RosterCollection.COURSES, courses, RosterCollection.CLASSES, classes, RosterCollection.USERS, users,
                RosterCollection.ENROLLMENTS, enrollments), report.counts(), report.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test_full_data_set", "Test_full_data_set.zip"})
    void givenTheFullOneRoster11Set_thenAllRowsArriveAndEachLenientValueIsAWarning(String set) {
        Read read = readAll(set);
        ReadReport report = read.report();

        assertCounts(report, 1, 5, 0, 2, 6, 6);
        assertEquals(0, report.errorCount(), report.errors().toString());
        assertEquals(Map.of(Leniency.STATUS_INACTIVE, 1L, Leniency.DATE_ONLY_TIMESTAMP, 7L,
                Leniency.ENUM_CASE, 1L, Leniency.BOOLEAN_FORM, 6L), report.warningsByKind());
        assertEquals(15, report.warningCount());

        AcademicSession inactive = read.get("ACADEMIC_SESSIONS:as-grp-222-2345", AcademicSession.class);
        assertEquals(Status.INACTIVE, inactive.status());
        assertEquals(Instant.parse("2023-05-01T00:00:00Z"), inactive.dateLastModified());
        RosterClass physics = read.get("CLASSES:cls-222-123456", RosterClass.class);
        assertEquals("scheduled", physics.classType());
        assertEquals(List.of("09", "10", "11"), physics.grades());
        assertEquals(List.of("Science", "Physics", "Biology"), physics.subjects());
        assertEquals(List.of("as-trm-222-1234", "as-trm-222-1235"),
                read.get("CLASSES:cls-222-123478", RosterClass.class).termSourcedIds());
        User thomas = read.get("USERS:usr-222-1234561", User.class);
        assertEquals(Role.PARENT, thomas.role());
        assertEquals(Boolean.TRUE, thomas.enabledUser());
        assertEquals(3, thomas.userIds().size());
        assertEquals(new User.UserId("Fed", "23"), thomas.userIds().get(2));
        assertEquals(Status.ACTIVE, read.get("USERS:usr-222-66778899", User.class).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test_minimal_data_set", "Test_minimal_data_set.zip"})
    void givenTheMinimalOneRoster11SetWithBlankStatusAndDates_thenBlankMeansActiveWithoutWarnings(String set) {
        Read read = readAll(set);
        ReadReport report = read.report();

        assertCounts(report, 1, 5, 0, 2, 6, 6);
        assertEquals(0, report.errorCount(), report.errors().toString());
        assertEquals(Map.of(Leniency.ENUM_CASE, 1L, Leniency.BOOLEAN_FORM, 6L), report.warningsByKind());
        User john = read.get("USERS:usr-222-123456", User.class);
        assertEquals(Status.ACTIVE, john.status());
        assertNull(john.dateLastModified());
        assertNull(john.email());
        assertEquals(Role.TEACHER, john.role());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneroster_test_data", "oneroster_test_data.zip"})
    void givenTheOneRoster12DeltaSet_thenRolesAndUserProfilesAreJoinedOntoTheUser(String set) {
        Read read = readAll(set);
        ReadReport report = read.report();

        assertCounts(report, 1, 1, 1, 1, 1, 1);
        assertEquals(0, report.errorCount(), report.errors().toString());
        assertEquals(Map.of(Leniency.BOOLEAN_FORM, 1L), report.warningsByKind());
        User bruce = read.get("USERS:USER_0", User.class);
        assertEquals(Role.STUDENT, bruce.role());
        assertEquals(List.of("ORG_1"), bruce.orgSourcedIds());
        assertEquals(1, bruce.roles().size());
        assertEquals("primary", bruce.roles().get(0).roleType());
        assertEquals(1, bruce.userProfiles().size());
        assertEquals("WEI18954", bruce.userProfiles().get(0).vendorId());
        assertEquals("brucewayne", bruce.userProfiles().get(0).username());
        assertEquals("COURSE_001", read.get("CLASSES:CLASS_001", RosterClass.class).courseSourcedId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1p2_full_dataset", "v1p2_full_dataset.zip"})
    void givenTheOneRoster12FullSetWithHeaderTyposAndALowercaseUserprofilesFile_thenTheRosterIsStillRead(String set) {
        Read read = readAll(set);
        ReadReport report = read.report();

        assertCounts(report, 1, 5, 0, 2, 6, 6);
        assertEquals(0, report.errorCount(), report.errors().toString());
        // 1 inactive session, 2 date-only timestamps, "Scheduled", 6 x TRUE, 5 x d/MM/yyyy dates, and 4 file quirks:
        // roles.csv "dataLastModified", userprofiles.csv (blank in the manifest, lowercase name, roles columns).
        assertEquals(Map.of(Leniency.STATUS_INACTIVE, 1L, Leniency.DATE_ONLY_TIMESTAMP, 2L, Leniency.ENUM_CASE, 1L,
                Leniency.BOOLEAN_FORM, 6L, Leniency.UNREADABLE_DATE, 5L, Leniency.FILE_QUIRK, 4L), report.warningsByKind());
        User john = read.get("USERS:usr-222-123456", User.class);
        assertEquals(Role.TEACHER, john.role());
        assertEquals(List.of(Role.TEACHER, Role.GUARDIAN), john.roles().stream().map(User.UserRole::role).toList());
        assertEquals(List.of("org-sch-222-456"), john.orgSourcedIds());
        assertNull(john.dateLastModified());
        assertEquals(Role.SITE_ADMINISTRATOR, read.get("USERS:usr-222-1234561", User.class).role());
        assertEquals(Role.STUDENT, read.get("USERS:usr-222-567891", User.class).role());
    }
}
