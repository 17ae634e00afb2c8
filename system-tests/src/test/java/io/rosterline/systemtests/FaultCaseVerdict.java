package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end of every fault case: the district holds exactly the reference rows, seats add up, no run is left half-way
 * and the run history tells what happened. Before asserting, the case's figures go to
 * target/reliability/CASE.json (rows expected, compared, lost, extra) for scripts/reliability-report.
 */
final class FaultCaseVerdict {

    /** Statuses a run may not be left in once the case is over. */
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING", "STAGED", "HELD");
    private static final String[] STAGED_TABLES = {"staged_org", "staged_session", "staged_course", "staged_class",
            "staged_user", "staged_enrollment"};

    private FaultCaseVerdict() {
    }

    /** Waits until the run is applied (or has ended otherwise: then the verdict says how). */
    static JsonNode awaitFinished(LicensedDistrict district, UUID runId, Duration timeout) {
        return Poll.until("run " + runId + " of " + district.name() + " to finish", timeout, Duration.ofMillis(250), () -> {
            // While the case cuts roster-api's database connections, a read may answer 503 "try again": so the test does.
            Optional<JsonNode> run = district.runUnlessUnavailable(runId);
            return run.filter(r -> !UNFINISHED.contains(r.path("status").asText()));
        });
    }

    /** How many times workers may have claimed the run: 1 is never retried. */
    record Attempts(int min, int max) {
        static Attempts exactly(int n) {
            return new Attempts(n, n);
        }

        static Attempts between(int min, int max) {
            return new Attempts(min, max);
        }

        boolean allows(int attempts) {
            return attempts >= min && attempts <= max;
        }

        @Override
        public String toString() {
            return min == max ? String.valueOf(min) : min + " to " + max;
        }
    }

    static DistrictState.Comparison verify(String caseName, LicensedDistrict district, ReferenceResult reference, UUID runId,
                                           int expectedAttempts, Map<String, Object> notes) {
        return verify(caseName, district, reference, runId, Attempts.exactly(expectedAttempts), notes);
    }

    /**
     * Asserts the district's final state and history after the requested run; writes the figures first.
     *
     * @param attempts how many times a worker may have claimed the run; each attempt beyond the first must be told by
     *                 a lease-expiry entry in the audit trail
     * @param notes    what happened during the case (phase at the kill, faults seen), for the figures file
     */
    static DistrictState.Comparison verify(String caseName, LicensedDistrict district, ReferenceResult reference, UUID runId,
                                           Attempts attempts, Map<String, Object> notes) {
        DistrictState.Comparison comparison = DistrictState.of(district).compareWith(reference);
        List<JsonNode> runs = district.runs();
        List<String> problems = new ArrayList<>();
        if (!comparison.equal()) {
            problems.add("state differs from the reference: " + comparison.describe());
        }
        for (JsonNode pool : district.licensePools()) {
            long assigned = StackDatabase.count("SELECT count(*) FROM license_assignment WHERE pool_id = ?::uuid", pool.path("id").asText());
            if (pool.path("seatsUsed").asLong() != assigned || assigned > pool.path("seats").asLong()) {
                problems.add("pool " + pool.path("productSku").asText() + " reports " + pool.path("seatsUsed") + " seats used of "
                        + pool.path("seats") + ", " + assigned + " assignments hold one");
            }
        }
        long applied = runs.stream().filter(r -> r.path("status").asText().equals("APPLIED")).count();
        JsonNode run = runs.stream().filter(r -> r.path("id").asText().equals(runId.toString())).findFirst().orElse(null);
        if (run == null) {
            problems.add("the requested run is missing from the history");
        } else {
            if (!run.path("status").asText().equals("APPLIED")) {
                problems.add("the requested run ended " + run.path("status").asText() + ": " + run.path("error").asText());
            }
            if (!attempts.allows(run.path("attempt").asInt())) {
                problems.add("the run was claimed " + run.path("attempt").asInt() + " time(s), expected " + attempts);
            }
        }
        if (applied != 1 || runs.size() != 1) {
            problems.add("the history holds " + runs.size() + " run(s), " + applied + " applied; expected the one requested, applied once");
        }
        runs.stream().filter(r -> UNFINISHED.contains(r.path("status").asText()))
                .forEach(r -> problems.add("run " + r.path("id").asText() + " left " + r.path("status").asText()));
        long leftStaged = 0;
        for (String table : STAGED_TABLES) {
            leftStaged += StackDatabase.count("SELECT count(*) FROM " + table + " s JOIN sync_run r ON r.id = s.run_id WHERE r.district_id = ?",
                    district.id());
        }
        if (leftStaged > 0) {
            problems.add(leftStaged + " staged row(s) left behind");
        }
        long leases = StackDatabase.count("SELECT count(*) FROM sync_run WHERE district_id = ? AND lease_token IS NOT NULL", district.id());
        if (leases > 0) {
            problems.add(leases + " run(s) still hold a lease");
        }
        // A retried run's lost attempts must be told by the history: one lease-expiry entry per attempt that was lost.
        long expiries = district.audit().stream().filter(e -> e.path("action").asText().equals("run.lease-expired")).count();
        int claimed = run == null ? 0 : run.path("attempt").asInt();
        if (expiries != claimed - 1) {
            problems.add("the audit trail tells " + expiries + " lost attempt(s), the run was claimed " + claimed + " time(s)");
        }
        notes.put("lostAttemptsInAudit", expiries);
        write(caseName, district, comparison, run, problems, notes);
        assertTrue(problems.isEmpty(), caseName + ": " + String.join("; ", problems));
        return comparison;
    }

    private static void write(String caseName, LicensedDistrict district, DistrictState.Comparison comparison, JsonNode run,
                              List<String> problems, Map<String, Object> notes) {
        ObjectNode figures = Keycloak.JSON.createObjectNode();
        figures.put("case", caseName);
        figures.put("measuredAt", Instant.now().toString());
        figures.put("district", district.id().toString());
        figures.put("rowsExpected", comparison.rowsExpected());
        // Every reference row is looked up in the stored state: the rows compared are the reference's rows.
        figures.put("rowsCompared", comparison.rowsExpected());
        figures.put("rowsStored", comparison.rowsStored());
        figures.put("rowsLost", comparison.lost().size());
        figures.put("rowsExtra", comparison.extra().size());
        figures.put("passed", problems.isEmpty());
        figures.putPOJO("problems", problems);
        if (run != null) {
            figures.put("runStatus", run.path("status").asText());
            figures.put("runAttempts", run.path("attempt").asInt());
            figures.set("runDurationSeconds", run.path("durationSeconds"));
        }
        figures.putPOJO("notes", notes);
        Path dir = Path.of(System.getProperty("rosterline.reliability.dir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(caseName + ".json"),
                    Keycloak.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
