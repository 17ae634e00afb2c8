package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Given a 170,000-student district, a client streams all ~1.2M enrollments page by page and the count
 * matches the expected summary, with flat server memory.
 */
class LargeDistrictTest {

    /** CPU time of the sandbox's request threads (they are named sis-sandbox-N). */
    private static long serverThreadsCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("sis-sandbox-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    @Test
    void allEnrollmentsOfA170kStudentDistrictStreamWithMatchingCounts() throws Exception {
        try (SandboxSis sis = SandboxSis.start(170_000, 2027)) {
            SisClient client = new SisClient(sis);
            String token = client.token();
            Summary expected = sis.expectedSummary();
            assertTrue(expected.get("enrollments").total() > 1_000_000, "about 1M enrollments");
            JsonFactory json = new JsonFactory();
            int limit = 10_000;
            int offset = 0;
            int seen = 0;
            int students = 0;
            String previous = "";
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long server0 = serverThreadsCpu();
            long t0 = System.nanoTime();
            while (true) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(sis.oneRoster11Url() + "/enrollments?limit=" + limit + "&offset=" + offset))
                        .header("Authorization", "Bearer " + token).build();
                HttpResponse<InputStream> r = client.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, r.statusCode());
                assertEquals(Integer.toString(expected.get("enrollments").total()), r.headers().firstValue("X-Total-Count").orElseThrow());
                int onPage = 0;
                try (InputStream in = r.body(); JsonParser p = json.createParser(in)) {
                    int depth = 0;
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        if (t == JsonToken.START_OBJECT) {
                            depth++;
                        } else if (t == JsonToken.END_OBJECT) {
                            depth--;
                        } else if (t == JsonToken.FIELD_NAME && depth == 2) {
                            String name = p.currentName();
                            if ("sourcedId".equals(name)) {
                                p.nextToken();
                                String id = p.getText();
                                assertTrue(id.compareTo(previous) > 0, "ascending and unique");
                                previous = id;
                                onPage++;
                            } else if ("role".equals(name) && p.nextToken() != null && "student".equals(p.getText())) {
                                students++;
                            }
                        }
                    }
                }
                seen += onPage;
                if (onPage < limit) {
                    break;
                }
                offset += limit;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            double serverSeconds = (serverThreadsCpu() - server0) / 1e9;
            assertEquals(expected.get("enrollments").total(), seen);
            assertTrue(students > expected.get("students").total() * 6, "6-8 classes per student");
            // wall time depends on what else runs on the machine; CPU time (server + parsing client) less so
            System.out.printf("[sis-sandbox] streamed %,d enrollments (%,d pages of %,d) in %.1f s = %,.0f records/s over HTTP;"
                    + " %.1f s CPU in all (server + parsing client), %.1f s CPU in the server's handler threads = %,.0f records"
                    + " per server CPU-second; load average %.1f%n",
                    seen, offset / limit + 1, limit, seconds, seen / seconds, cpuSeconds, serverSeconds, seen / serverSeconds,
                    os.getSystemLoadAverage());
        }
    }
}
