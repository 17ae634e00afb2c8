package io.rosterline.sync.engine;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * roster-api's worker protocol as the engine needs it. Implemented over the Quarkus REST client (OIDC client
 * credentials, retries, circuit breaker) in the worker, and over plain java.net.http for tests and the benchmark.
 */
public interface WorkerApi {

    record Claim(UUID runId, UUID districtId, String kind, UUID leaseToken, Instant leaseExpiresAt, int attempt,
                 boolean useDigest) {
    }

    record RunSource(UUID runId, UUID districtId, String platform, Map<String, String> settings,
                     List<String> schoolSourcedIds, List<String> courseSourcedIds) {
    }

    record Chunk(String chunkId, String collection, List<Map<String, Object>> upserts, List<String> deletes) {
    }

    record Progress(String phase, Long done, Long total, List<Map<String, Object>> phases) {
    }

    /** Thrown when roster-api says the lease is gone (409): the worker must stop and leave the run alone. */
    class LeaseLost extends RuntimeException {
        public LeaseLost(String message) {
            super(message);
        }
    }

    Optional<Claim> claim(String workerId);

    RunSource source(Claim claim);

    /** The NDJSON digest stream of one collection; the caller closes it. */
    InputStream digest(Claim claim, String collection);

    /** The run's source file (a OneRoster CSV zip uploaded over SFTP), streamed; the caller closes it. */
    InputStream archive(Claim claim);

    /**
     * Reports the courses the source has now for the run's schools (sourcedId, status, title, courseCode,
     * schoolSourcedId, subjects, grades) and answers
     * which of them the district includes: roster-api keeps its course cache and evaluates the admin's choices and
     * course rules, so a course new in the SIS is decided by the same rules as every other.
     */
    List<String> includedCourses(Claim claim, List<Map<String, Object>> courses);

    void postChunk(Claim claim, Chunk chunk);

    void heartbeat(Claim claim, Progress progress);

    void complete(Claim claim, Map<String, Object> readReport);

    void fail(Claim claim, String error);
}
