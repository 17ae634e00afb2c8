package io.rosterline.sis.oneroster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Enrollments are mapped straight from the parser, everything else from a tree. Both must agree on every input: the
 * same record, the same warnings in the same order, the same errors. Checked on thousands of generated enrollments
 * with the quirks real servers send, in random field order, with odd shapes mixed in.
 */
class StreamedEnrollmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] STATUS = {"\"active\"", "\"tobedeleted\"", "\"inactive\"", "\"ACTIVE\"", "\"deleted\"",
            "\"weird\"", "\"\"", "null", "3", "[\"active\"]"};
    private static final String[] TIMESTAMP = {"\"2026-01-15T10:00:00Z\"", "\"2026-01-15T10:00:00.123Z\"", "\"2023-05-01\"",
            "\"2023-05-01T10:00:00\"", "\"1/05/2023\"", "\"2026-01-15T10:00:00.5+02:00\"", "\"\"", "null", "20260115", "{}"};
    private static final String[] ROLE = {"\"student\"", "\"teacher\"", "\"Teacher\"", "\"aide\"", "\"boss\"", "\"\"", "null",
            "7", "[\"student\"]"};
    private static final String[] PRIMARY = {"true", "false", "\"true\"", "\"TRUE\"", "\"false\"", "1", "0", "2.5", "\"yes\"",
            "\"maybe\"", "\"\"", "null", "[true]", "{\"x\":1}"};
    private static final String[] DATE = {"\"2026-08-15\"", "\"2026-08-15T00:00:00Z\"", "\"15/08/2026\"", "\"2026-02-30\"",
            "\"\"", "null", "20260815", "[]"};
    private static final String[] ID = {"\"e-1\"", "\"enr 2\"", "\"\"", "\"  \"", "null", "42", "1.5", "true", "[\"e\"]", "{\"a\":1}"};

    private static String ref(Random random, String path) {
        String abs = "\"https://sis.example/ims/oneroster/v1p1/" + path + "/x1\"";
        String[] hrefs = {abs, "\"" + path + "/x1\"", "\"~/" + path + "/x1\"", "\"\"", "null", "5", "{\"h\":1}"};
        String[] ids = {"\"x1\"", "\"\"", "null", "17", "true", "{\"id\":\"x\"}", "[\"x\"]"};
        String[] types = {"\"org\"", "\"\"", "null", "1"};
        return switch (random.nextInt(12)) {
            case 0 -> "null";
            case 1 -> "\"x-bare\"";
            case 2 -> "\"\"";
            case 3 -> "[{\"sourcedId\":\"a1\",\"href\":" + abs + ",\"type\":\"org\"}]";
            case 4 -> "12";
            case 5 -> "{}";
            default -> {
                List<String> members = new ArrayList<>();
                if (random.nextInt(5) > 0) {
                    members.add("\"href\":" + hrefs[random.nextInt(hrefs.length)]);
                }
                if (random.nextInt(6) > 0) {
                    members.add("\"sourcedId\":" + ids[random.nextInt(ids.length)]);
                }
                if (random.nextInt(4) > 0) {
                    members.add("\"type\":" + types[random.nextInt(types.length)]);
                }
                if (random.nextInt(5) == 0) {
                    members.add("\"extra\":{\"nested\":[1,2,{\"sourcedId\":\"no\"}]}");
                }
                if (random.nextInt(8) == 0) {
                    members.add("\"sourcedId\":\"again\"");
                }
                Collections.shuffle(members, random);
                yield "{" + String.join(",", members) + "}";
            }
        };
    }

    private static String enrollment(Random random) {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(12) > 0) {
            fields.add("\"sourcedId\":" + (random.nextInt(3) > 0 ? "\"e-" + random.nextInt(1000) + "\"" : ID[random.nextInt(ID.length)]));
        }
        String[][] scalars = {{"status", null}, {"dateLastModified", null}, {"role", null}, {"primary", null},
                {"beginDate", null}, {"endDate", null}};
        String[][] pools = {STATUS, TIMESTAMP, ROLE, PRIMARY, DATE, DATE};
        for (int i = 0; i < scalars.length; i++) {
            if (random.nextInt(6) > 0) {
                fields.add("\"" + scalars[i][0] + "\":" + pools[i][random.nextInt(pools[i].length)]);
            }
        }
        for (String[] r : new String[][]{{"class", "classes"}, {"school", "orgs"}, {"user", "users"}}) {
            if (random.nextInt(6) > 0) {
                fields.add("\"" + r[0] + "\":" + ref(random, r[1]));
            }
        }
        if (random.nextInt(4) == 0) {
            fields.add("\"metadata\":" + (random.nextBoolean() ? "null" : "{\"ext:grade\":\"05\",\"list\":[null,1]}"));
        }
        if (random.nextInt(10) == 0) {
            // A duplicate key: the later value wins, the field keeps its first place.
            fields.add("\"status\":" + STATUS[random.nextInt(STATUS.length)]);
        }
        Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    private record Outcome(RosterRecord record, List<ReadReport.Warning> warnings, List<String> errors, String counts) {
    }

    private static Outcome tree(String json) throws Exception {
        ReadReport report = new ReadReport();
        RosterRecord r = new OneRosterJsonMapper(report).map(RosterCollection.ENROLLMENTS, JSON.readTree(json));
        return new Outcome(r, report.firstWarnings(), report.errors(), report.warningsByKind().toString());
    }

    private static Outcome streamed(String json) throws Exception {
        ReadReport report = new ReadReport();
        try (JsonParser p = JSON.createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            RosterRecord r = new OneRosterJsonMapper(report).mapEnrollment(p);
            assertEquals(JsonToken.END_OBJECT, p.currentToken(), "the parser ends on the record's END_OBJECT");
            assertNull(p.nextToken(), "nothing of the record left unread");
            return new Outcome(r, report.firstWarnings(), report.errors(), report.warningsByKind().toString());
        }
    }

    @Test
    void givenThousandsOfGeneratedEnrollmentsWithRealWorldQuirks_thenStreamingAndTreeMappingAgreeExactly() throws Exception {
        Random random = new Random(20261201);
        int mapped = 0;
        int unusable = 0;
        for (int i = 0; i < 5000; i++) {
            String json = enrollment(random);
            Outcome expected = tree(json);
            assertEquals(expected, streamed(json), json);
            if (expected.record() != null) {
                mapped++;
            } else {
                unusable++;
            }
        }
        assertTrue(mapped > 3000 && unusable > 100, mapped + " mapped, " + unusable + " unusable");
    }

    @Test
    void givenAConformingEnrollment_thenTheStreamedRecordHasEveryField() throws Exception {
        String json = """
                {"sourcedId":"e1","status":"active","dateLastModified":"2026-01-15T10:00:00Z",
                 "user":{"href":"https://x/users/u1","sourcedId":"u1","type":"user"},
                 "class":{"href":"https://x/classes/c1","sourcedId":"c1","type":"class"},
                 "school":{"href":"https://x/orgs/s1","sourcedId":"s1","type":"org"},
                 "role":"teacher","primary":"true","beginDate":"2026-08-15","endDate":"2027-01-15"}""";

        Outcome streamed = streamed(json);

        assertEquals(tree(json), streamed);
        assertEquals("Enrollment[sourcedId=e1, status=ACTIVE, dateLastModified=2026-01-15T10:00:00Z, classSourcedId=c1, "
                + "schoolSourcedId=s1, userSourcedId=u1, role=TEACHER, primary=true, beginDate=2026-08-15, endDate=2027-01-15]",
                streamed.record().toString());
        assertEquals(List.of(), streamed.warnings());
    }
}
