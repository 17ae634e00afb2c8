package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The byte-fragment enrollment writer must render exactly what the JSON generator renders. */
class FastEnrollmentJsonTest {

    private static String generator(OneRosterJson json, int[] page, int n) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Http.JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (int k = 0; k < n; k++) {
                json.write(g, Roster.Kind.ENROLLMENT, page[k]);
            }
            g.writeEndArray();
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String fragments(OneRosterJson json, int[] page, int n) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JsonBytes out = new JsonBytes(buf, 1024);
        out.raw((byte) '[');
        json.enrollments(out, page, n);
        out.raw((byte) ']');
        out.flush();
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenAMutatedDistrict_whenEnrollmentsAreRenderedBothWays_thenTheBytesAreIdenticalIn11And12() throws Exception {
        Roster roster = new Roster(new District(7, 1500, "sandbox.k12.example", 2027, Instant.parse("2026-08-01T00:00:00Z")));
        Instant at = Instant.parse("2026-10-01T12:30:00Z");
        roster.dropStudents(10, at);
        roster.moveEnrollments(40, at.plusSeconds(60));
        roster.addStudents(12, at.plusSeconds(120));
        roster.dropSchool(1, at.plusSeconds(180));
        Roster.Overlay o = roster.overlay();
        int space = roster.enrollmentSpace(o);
        int[] page = new int[space];
        int n = 0;
        for (int e = 0; e < space; e++) {
            if (roster.enrollmentExists(o, e)) {
                page[n++] = e;
            }
        }
        assertTrue(n > 10_000, "a district of some size: " + n);
        // A Host header with characters that need escaping must not break the document.
        for (String base : new String[] {"http://127.0.0.1:8090/ims/oneroster/v1p1", "http://odd\"host\\name/x"}) {
            for (boolean v12 : new boolean[] {false, true}) {
                OneRosterJson json = new OneRosterJson(roster, o, v12, base, new Faults());
                assertEquals(generator(json, page, n), fragments(json, page, n), base + " v12=" + v12);
            }
        }
    }
}
