package io.rosterline.sis.oneroster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.rosterline.sis.oneroster.RestFixtures.BASE_PATH;
import static io.rosterline.sis.oneroster.RestFixtures.quickRetries;
import static io.rosterline.sis.oneroster.RestFixtures.reader;
import static org.junit.jupiter.api.Assertions.*;

/** Over REST JSON, each value real servers send that OneRoster does not quite allow is read, with one warning. */
class LenientRestValuesTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void reset() {
        sis.resetAll();
    }

    private List<RosterRecord> serveAndRead(RosterCollection collection, String records, ReadReport report) {
        String name = collection.oneRosterName();
        sis.stubFor(get(urlPathEqualTo(BASE_PATH + "/" + name))
                .willReturn(okJson("{\"" + name + "\":[" + records + "]}").withHeader("X-Total-Count", "1")));
        List<RosterRecord> out = new ArrayList<>();
        reader(sis.getPort(), Authenticator.none(), 100, quickRetries()).read(collection, null, out::add, report);
        return out;
    }

    @Test
    void givenTildeHrefs_whenReferencesAreRead_thenTheSourcedIdsAreUsedAndEachHrefIsOneWarning() {
        ReadReport report = new ReadReport();
        Enrollment e = (Enrollment) serveAndRead(RosterCollection.ENROLLMENTS, """
                {"sourcedId":"e1","status":"active","dateLastModified":"2026-01-15T10:00:00Z","role":"student",
                 "user":{"href":"~/users/u1","sourcedId":"u1","type":"user"},
                 "class":{"href":"~/classes/c1","sourcedId":"c1","type":"class"},
                 "school":{"href":"https://sis.example/ims/oneroster/v1p1/orgs/s1","sourcedId":"s1","type":"org"}}""",
                report).get(0);

        assertEquals("u1", e.userSourcedId());
        assertEquals("c1", e.classSourcedId());
        assertEquals("s1", e.schoolSourcedId());
        assertEquals(Map.of(Leniency.RELATIVE_HREF, 2L), report.warningsByKind());
        assertEquals(List.of("class href '~/classes/c1' is not an absolute URL", "user href '~/users/u1' is not an absolute URL"),
                report.firstWarnings().stream().map(ReadReport.Warning::message).sorted().toList());
        assertEquals(0, report.errorCount());
    }

    @Test
    void givenStatusInactive_whenReadOverRest_thenItIsInactiveWithAWarningNotAFailure() {
        ReadReport report = new ReadReport();
        Org org = (Org) serveAndRead(RosterCollection.ORGS, """
                {"sourcedId":"s9","status":"inactive","dateLastModified":"2026-01-15T10:00:00Z","name":"Old Mill School","type":"school"}""",
                report).get(0);

        assertEquals(Status.INACTIVE, org.status());
        assertEquals("Old Mill School", org.name());
        assertEquals(Map.of(Leniency.STATUS_INACTIVE, 1L), report.warningsByKind());
        assertEquals(1, report.count(RosterCollection.ORGS));
    }

    @Test
    void givenDateOnlyTimestamps_whenReadOverRest_thenTheyAreMidnightUtcWithAWarningEach() {
        ReadReport report = new ReadReport();
        AcademicSession term = (AcademicSession) serveAndRead(RosterCollection.ACADEMIC_SESSIONS, """
                {"sourcedId":"t1","status":"active","dateLastModified":"2023-05-01","title":"Fall","type":"term",
                 "startDate":"2023-08-20","endDate":"2023-12-20","schoolYear":"2024"}""", report).get(0);

        assertEquals(Instant.parse("2023-05-01T00:00:00Z"), term.dateLastModified());
        assertEquals(LocalDate.parse("2023-08-20"), term.startDate());
        assertEquals(Map.of(Leniency.DATE_ONLY_TIMESTAMP, 1L), report.warningsByKind());
    }

    @Test
    void givenEnumsInTheWrongCase_whenReadOverRest_thenTheyAreNormalisedWithAWarningEach() {
        ReadReport classes = new ReadReport();
        RosterClass c = (RosterClass) serveAndRead(RosterCollection.CLASSES, """
                {"sourcedId":"c1","status":"ACTIVE","dateLastModified":"2026-01-15T10:00:00Z","title":"Math 6","classType":"Scheduled",
                 "course":{"href":"https://x/courses/co1","sourcedId":"co1","type":"course"},
                 "school":{"href":"https://x/orgs/s1","sourcedId":"s1","type":"org"}}""", classes).get(0);
        ReadReport enrollments = new ReadReport();
        Enrollment e = (Enrollment) serveAndRead(RosterCollection.ENROLLMENTS, """
                {"sourcedId":"e1","status":"active","dateLastModified":"2026-01-15T10:00:00Z","role":"Teacher","primary":"true",
                 "user":{"href":"https://x/users/t1","sourcedId":"t1","type":"user"},
                 "class":{"href":"https://x/classes/c1","sourcedId":"c1","type":"class"},
                 "school":{"href":"https://x/orgs/s1","sourcedId":"s1","type":"org"}}""", enrollments).get(0);

        assertEquals("scheduled", c.classType());
        assertEquals(Status.ACTIVE, c.status());
        assertEquals(Map.of(Leniency.ENUM_CASE, 2L), classes.warningsByKind(), "classType and status");
        assertEquals(Role.TEACHER, e.role());
        assertEquals(Map.of(Leniency.ENUM_CASE, 1L), enrollments.warningsByKind());
        assertEquals(0, classes.errorCount() + enrollments.errorCount());
    }
}
