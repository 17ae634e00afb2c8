package io.rosterline.sis.interop;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.OneRosterRawRecord;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Serves the libre-oneroster JSON samples (another implementation's output, with 1/0 booleans, relative hrefs,
 * GUIDRefs without href/type and explicit nulls) through WireMock and reads them with the REST reader. The server
 * sends neither X-Total-Count nor Link, so the reader pages until an empty page, as it must.
 */
class LibreOneRosterJsonInteropTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String BASE = "/ims/oneroster/v1p1/";

    @BeforeEach
    void serveSamples() throws Exception {
        for (RosterCollection c : RosterCollection.values()) {
            String name = c.oneRosterName();
            String body = Files.readString(InteropData.resolve("libre-oneroster-json/" + name + ".json"));
            sis.stubFor(get(urlPathEqualTo(BASE + name)).withQueryParam("offset", equalTo("0")).willReturn(okJson(body)));
            sis.stubFor(get(urlPathEqualTo(BASE + name)).withQueryParam("offset", notMatching("0"))
                    .willReturn(okJson("{\"" + name + "\":[]}")));
        }
    }

    @Test
    void givenLibreOneRosterSamples_whenReadOverRest_thenEveryRecordArrivesAndEachQuirkIsAWarning() {
        OneRosterRestReader reader = new OneRosterRestReader(new OneRosterRestReader.Config(
                URI.create(sis.baseUrl() + "/ims/oneroster/v1p1/"), Authenticator.none(), 100, HttpSettings.defaults(),
                OneRosterRestReader.Version.V1P1));
        Map<String, RosterRecord> byId = new HashMap<>();

        ReadReport report = reader.readAll(null, r -> byId.put(r.collection() + ":" + r.sourcedId(), r));

        assertEquals(Map.of(RosterCollection.ORGS, 4L, RosterCollection.ACADEMIC_SESSIONS, 3L, RosterCollection.COURSES, 2L,
                RosterCollection.CLASSES, 3L, RosterCollection.USERS, 3L, RosterCollection.ENROLLMENTS, 2L), report.counts());
        assertEquals(0, report.errorCount(), report.errors().toString());
        // Counted from the files: 7 explicit nulls in orgs; 20 relative hrefs (2 org parents, 2 session parents,
        // 3 course refs, 9 class refs, 4 user refs); 4 numeric booleans (3 enabledUser, 1 primary);
        // 6 enrollment GUIDRefs with only a sourcedId.
        assertEquals(Map.of(Leniency.NULL_FIELD, 7L, Leniency.RELATIVE_HREF, 20L, Leniency.BOOLEAN_FORM, 4L,
                Leniency.GUIDREF_INCOMPLETE, 6L), report.warningsByKind());

        Org put08 = (Org) byId.get("ORGS:018");
        assertEquals("017", put08.parentSourcedId());
        assertEquals("England Academy", put08.identifier());
        assertEquals(Status.TOBEDELETED, ((Org) byId.get("ORGS:015")).status());
        assertNull(((Org) byId.get("ORGS:015")).identifier());
        User jane = (User) byId.get("USERS:002");
        assertEquals(Boolean.FALSE, jane.enabledUser());
        assertEquals(Role.PARENT, jane.role());
        assertEquals(2, jane.userIds().size());
        Enrollment teacher = (Enrollment) byId.get("ENROLLMENTS:02");
        assertEquals(Boolean.TRUE, teacher.primary());
        assertEquals("003", teacher.userSourcedId());
        assertEquals("01", teacher.classSourcedId());
        assertEquals(Role.TEACHER, teacher.role());
        sis.verify(2, getRequestedFor(urlPathEqualTo(BASE + "users")));
    }

    /** periods and subjects have no place in the model (OneRoster 1.1 rostering has neither): read as raw records. */
    @Test
    void givenLibreOneRosterPeriodsAndSubjects_whenReadAsRawCollections_thenEveryRecordArrivesWithItsQuirksWarned() throws Exception {
        for (String name : new String[]{"periods", "subjects"}) {
            String body = Files.readString(InteropData.resolve("libre-oneroster-json/" + name + ".json"));
            sis.stubFor(get(urlPathEqualTo(BASE + name)).withQueryParam("offset", equalTo("0")).willReturn(okJson(body)));
            sis.stubFor(get(urlPathEqualTo(BASE + name)).withQueryParam("offset", notMatching("0"))
                    .willReturn(okJson("{\"" + name + "\":[]}")));
        }
        OneRosterRestReader reader = new OneRosterRestReader(new OneRosterRestReader.Config(
                URI.create(sis.baseUrl() + "/ims/oneroster/v1p1/"), Authenticator.none(), 100, HttpSettings.defaults(),
                OneRosterRestReader.Version.V1P1));
        Map<String, OneRosterRawRecord> periods = new LinkedHashMap<>();
        Map<String, OneRosterRawRecord> subjects = new LinkedHashMap<>();
        ReadReport periodsReport = new ReadReport();
        ReadReport subjectsReport = new ReadReport();

        reader.readRaw("periods", "periods", null, r -> periods.put(r.sourcedId(), r), periodsReport);
        reader.readRaw("subjects", "subjects", null, r -> subjects.put(r.sourcedId(), r), subjectsReport);

        assertEquals(List.of("01", "02"), List.copyOf(periods.keySet()));
        assertEquals(List.of("01", "02"), List.copyOf(subjects.keySet()));
        // Three org references, each with a relative href (users/016 ...): one warning each, ids still read.
        assertEquals(Map.of(Leniency.RELATIVE_HREF, 3L), periodsReport.warningsByKind());
        assertEquals(0, subjectsReport.warningCount(), subjectsReport.toString());
        assertEquals(0, periodsReport.errorCount() + subjectsReport.errorCount());
        OneRosterRawRecord second = periods.get("02");
        assertEquals(Map.of("orgs", List.of("015", "016")), second.references());
        assertEquals("02", second.text("periodCode"));
        assertEquals("second class of the day", second.text("description"));
        assertEquals(Status.ACTIVE, second.status());
        assertEquals(Instant.parse("2012-04-23T18:25:43.511Z"), second.dateLastModified());
        assertNull(periods.get("01").text("description"));
        assertEquals("Computing Science", subjects.get("02").text("title"));
        assertEquals("CS", subjects.get("02").text("subjectCode"));
        assertEquals(Map.of(), subjects.get("01").references());
    }
}
