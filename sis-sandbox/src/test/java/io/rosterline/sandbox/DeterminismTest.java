package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Given two sandboxes started with the same seed, they serve identical pages; another seed serves other people. */
class DeterminismTest {

    private static final String[] PAGES = {
        "/ims/oneroster/v1p1/users?limit=300&offset=900",
        "/ims/oneroster/v1p1/enrollments?limit=500&offset=4000",
        "/ims/oneroster/v1p1/classes?limit=200",
        "/ims/oneroster/v1p1/courses?limit=100",
        "/ims/oneroster/rostering/v1p2/users?limit=100&offset=2500"};

    private static String page(SandboxSis sis, SisClient client, String token, String path) {
        // hrefs carry the instance's own address; compare everything else byte for byte
        return client.ok(token, path).replace(sis.baseUrl(), "http://sandbox");
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        try (SandboxSis a = SandboxSis.start(3000, 1234);
             SandboxSis b = SandboxSis.start(3000, 1234);
             SandboxSis c = SandboxSis.start(3000, 99)) {
            SisClient ca = new SisClient(a);
            SisClient cb = new SisClient(b);
            SisClient cc = new SisClient(c);
            String ta = ca.token();
            String tb = cb.token();
            String tc = cc.token();
            for (String p : PAGES) {
                assertEquals(page(a, ca, ta, p), page(b, cb, tb, p), p);
            }
            assertNotEquals(page(a, ca, ta, PAGES[0]), page(c, cc, tc, PAGES[0]));
            assertEquals(a.expectedSummary().collections(), b.expectedSummary().collections());
        }
    }

    @Test
    void sameMutationsOnSameSeedGiveTheSameRoster() {
        try (SandboxSis a = SandboxSis.start(2000, 5); SandboxSis b = SandboxSis.start(2000, 5)) {
            String at = "2026-10-10T10:00:00Z";
            String mutations = "[{\"dropStudentsPercent\": 7, \"at\": \"" + at + "\"}, {\"moveEnrollments\": 30, \"at\": \"" + at
                    + "\"}, {\"addStudents\": 15, \"at\": \"" + at + "\"}]";
            SisClient ca = new SisClient(a);
            SisClient cb = new SisClient(b);
            assertEquals(200, ca.postJson("/admin/roster/mutations", mutations).statusCode());
            assertEquals(200, cb.postJson("/admin/roster/mutations", mutations).statusCode());
            String delta = "/ims/oneroster/v1p1/enrollments?limit=5000&filter=" + SisClient.q("dateLastModified>'2026-09-01T00:00:00Z'");
            assertEquals(page(a, ca, ca.token(), delta), page(b, cb, cb.token(), delta));
            assertEquals(a.expectedSummary().collections(), b.expectedSummary().collections());
        }
    }
}
