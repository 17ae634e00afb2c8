package io.rosterline.sis.powerschool;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.*;

/** PowerSchool's documented /ws/v1 response shapes (fixtures in src/test/resources/powerschool) served by WireMock. */
class PowerSchoolReaderTest {

    @RegisterExtension
    static WireMockExtension ps = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static String fixture(String name) throws IOException {
        try (InputStream in = PowerSchoolReaderTest.class.getResourceAsStream("/powerschool/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void list(String path, String fixture, int count) throws IOException {
        // PowerSchool leaves grade levels and emails out unless asked: students and staff are only served when the
        // reader asks for the expansions that carry them.
        String expansions = path.endsWith("/student") ? "school_enrollment,contact_info" : path.endsWith("/staff") ? "emails" : null;
        var request = get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer ps-token"));
        if (expansions != null) {
            request = request.withQueryParam("expansions", equalTo(expansions));
        }
        ps.stubFor(request.willReturn(okJson(fixture(fixture))));
        ps.stubFor(get(urlPathEqualTo(path + "/count")).willReturn(okJson("{\"resource\":{\"count\":" + count + "}}")));
    }

    @BeforeEach
    void harborPowerSchool() throws IOException {
        ps.stubFor(post("/oauth/access_token").withBasicAuth("ps-client", "ps-secret")
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"ps-token\",\"token_type\":\"Bearer\",\"expires_in\":\"2504956\"}")));
        list("/ws/v1/district/school", "schools.json", 2);
        list("/ws/v1/school/5/student", "school5-students.json", 2);
        list("/ws/v1/school/6/student", "school6-students.json", 1);
        list("/ws/v1/school/5/staff", "school5-staff.json", 1);
        list("/ws/v1/school/6/staff", "school6-staff.json", 2);
        list("/ws/v1/school/5/section", "school5-sections.json", 2);
        list("/ws/v1/school/5/course", "school5-courses.json", 1);
        list("/ws/v1/school/5/term", "school5-terms.json", 2);
        list("/ws/v1/section/300/section_enrollment", "section300-enrollments.json", 2);
        list("/ws/v1/section/301/section_enrollment", "section301-enrollments.json", 1);
        // School 6 has no sections, courses or terms: PowerSchool sends an empty string for an empty list.
        for (String r : new String[]{"section:sections", "course:courses", "term:terms"}) {
            String[] p = r.split(":");
            ps.stubFor(get(urlPathEqualTo("/ws/v1/school/6/" + p[0])).willReturn(okJson("{\"" + p[1] + "\":\"\"}")));
            ps.stubFor(get(urlPathEqualTo("/ws/v1/school/6/" + p[0] + "/count")).willReturn(okJson("{\"resource\":{\"count\":0}}")));
        }
    }

    @Test
    void givenAPowerSchoolDistrict_whenEverythingIsRead_thenItMapsToTheSameModelAsOneRoster() {
        SourceConfig config = new SourceConfig(SourceKind.POWERSCHOOL, URI.create(ps.baseUrl()), "ps-client", "ps-secret",
                "oauth2", null, null, null, 100, HttpSettings.defaults());
        Map<String, RosterRecord> byId = new HashMap<>();
        ReadReport report;
        try (RosterReader reader = RosterReaders.open(config)) {
            report = reader.readAll(null, r -> byId.put(r.sourcedId(), r));
        }

        assertEquals(Map.of(RosterCollection.ORGS, 2L, RosterCollection.ACADEMIC_SESSIONS, 2L, RosterCollection.COURSES, 1L,
                RosterCollection.CLASSES, 2L, RosterCollection.USERS, 5L, RosterCollection.ENROLLMENTS, 5L), report.counts());
        assertEquals(0, report.errorCount());
        User ana = (User) byId.get("student-101");
        assertEquals("Ana", ana.givenName());
        assertEquals(Role.STUDENT, ana.role());
        assertEquals(java.util.List.of("10"), ana.grades());
        assertEquals("ana.lopez@students.harbor.example", ana.email());
        assertEquals(java.util.List.of("school-5"), ana.orgSourcedIds());
        User dana = (User) byId.get("staff-7");
        assertEquals(Role.TEACHER, dana.role());
        assertEquals("dlee@harbor.example", dana.email());
        assertEquals("eprice", ((User) byId.get("staff-8")).username());
        RosterClass section = (RosterClass) byId.get("section-300");
        assertEquals("course-20", section.courseSourcedId());
        assertEquals(java.util.List.of("term-2700"), section.termSourcedIds());
        assertEquals("schoolYear", ((AcademicSession) byId.get("term-2700")).type());
        Enrollment lead = (Enrollment) byId.get("section-300-staff-7");
        assertEquals(Role.TEACHER, lead.role());
        assertEquals(Boolean.TRUE, lead.primary());
        Enrollment coTeacher = (Enrollment) byId.get("section-300-staff-8");
        assertEquals(Role.TEACHER, coTeacher.role());
        assertEquals(Boolean.FALSE, coTeacher.primary());
        assertEquals("staff-8", coTeacher.userSourcedId());
        assertEquals(Status.TOBEDELETED, ((Enrollment) byId.get("section-enrollment-9002")).status());
        assertEquals("section-301", ((Enrollment) byId.get("section-enrollment-9003")).classSourcedId());
        ps.verify(1, postRequestedFor(urlEqualTo("/oauth/access_token")));
    }
}
