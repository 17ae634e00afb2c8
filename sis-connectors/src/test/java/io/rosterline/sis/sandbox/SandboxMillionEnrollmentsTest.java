package io.rosterline.sis.sandbox;

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxMillionEnrollmentsTest {

    @Test
    void givenADistrictWithOverAMillionEnrollments_whenReadOverRest_thenEveryOneArrivesStreamedInA256MbHeap() {
        try (SandboxSis sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(140_000).threads(2))) {
            long expected = sandbox.expectedSummary().get("enrollments").total();
            assertTrue(expected >= 1_000_000, "the district must hold at least 1M enrollments, has " + expected);
            OneRosterRestReader reader = new OneRosterRestReader(new OneRosterRestReader.Config(
                    URI.create(sandbox.oneRoster11Url()),
                    new OAuth2ClientCredentials(URI.create(sandbox.tokenUrl()), sandbox.clientId(), sandbox.clientSecret(),
                            null, OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, new SisHttp(HttpSettings.defaults(), "token")),
                    1000, HttpSettings.defaults(), OneRosterRestReader.Version.V1P1));
            AtomicLong students = new AtomicLong();
            AtomicLong teachers = new AtomicLong();

            ReadReport report = reader.read(RosterCollection.ENROLLMENTS, null, r -> {
                if (((Enrollment) r).role() == Role.STUDENT) {
                    students.incrementAndGet();
                } else if (((Enrollment) r).role() == Role.TEACHER) {
                    teachers.incrementAndGet();
                }
            });

            assertEquals(expected, report.count(RosterCollection.ENROLLMENTS));
            assertEquals(expected, students.get() + teachers.get());
            assertEquals(0, report.errorCount(), report.toString());
            assertTrue(Runtime.getRuntime().maxMemory() <= 272L * 1024 * 1024, "must run with -Xmx256m");
        }
    }
}
