package io.rosterline.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs as the API shows them, and the worker protocol's bodies. */
public final class SyncDtos {

    private SyncDtos() {
    }

    @Schema(name = "RunRequest", description = "Ask for a run now. MANUAL_IMPORT stages for review; SYNC_LICENSES and RESYNC also apply.",
            example = "{\"kind\":\"MANUAL_IMPORT\"}")
    public record RunRequest(@NotNull(message = "choose MANUAL_IMPORT, SYNC_LICENSES or RESYNC") RunKind kind) {
    }

    @Schema(name = "RunProgress", description = "Where a run is: the current phase and how far it got (\"users 40,000 of 170,000\").")
    public record RunProgress(String phase, Long done, Long total, String text, JsonNode phases) {
    }

    @Schema(name = "Run", description = "One sync run: what triggered it, its phases, counts, timings, plan and result.", example = """
            {"id":"5ec52906-ab9a-43fe-8a67-695998a50aa4","districtId":"d1000000-0000-4000-8000-000000000001","kind":"MANUAL_IMPORT",
             "trigger":"MANUAL","status":"STAGED","requestedBy":"harbor-admin","attempt":1,"createdAt":"2026-11-23T18:00:00Z",
             "startedAt":"2026-11-23T18:00:04Z","stagedAt":"2026-11-23T18:02:41Z","appliedAt":null,"finishedAt":"2026-11-23T18:02:41Z",
             "durationSeconds":157.2,
             "progress":{"phase":"complete","done":null,"total":null,"text":"complete",
                         "phases":[{"name":"orgs","done":12,"seconds":0.4},{"name":"users","done":170000,"seconds":61.8},
                                   {"name":"enrollments","done":912000,"seconds":88.1}]},
             "counts":{"users":{"added":1204,"changed":310,"removed":87,"unchanged":168399,"total":169913},
                       "enrollments":{"added":5120,"changed":0,"removed":2210,"unchanged":904670,"total":909790}},
             "planSummary":null,"applyReport":null,
             "readReport":{"read":{"orgs":12,"users":170000,"enrollments":912000},"errors":0,"warnings":3,"firstErrors":[],
                           "firstWarnings":["users/u-1: role 'Student' read as student"]},
             "error":null,"sourceUploadId":null,"reviewedAt":null,"reviewedBy":null,"sourceCheck":null}""")
    public record RunView(UUID id, UUID districtId, RunKind kind, String trigger, RunStatus status, String requestedBy,
                          int attempt, Instant createdAt, Instant startedAt, Instant stagedAt, Instant appliedAt,
                          Instant finishedAt, Double durationSeconds, RunProgress progress, JsonNode counts,
                          JsonNode planSummary, JsonNode applyReport, JsonNode readReport, String error,
                          @Schema(description = "The OneRoster CSV upload the run read (CSV districts only).") UUID sourceUploadId,
                          @Schema(description = "When an admin marked the staged data reviewed.") Instant reviewedAt,
                          String reviewedBy,
                          @Schema(description = "Set when the fail-safe source checks stopped the run (status FAILED): what changed "
                                  + "in the source and whether an admin accepted it (POST .../accept-source-change).")
                          io.rosterline.api.safety.RunSourceCheck sourceCheck) {
    }

    @Schema(name = "ClaimRequest", description = "A worker asks for one due run.", example = "{\"workerId\":\"sync-worker-7f9c\"}")
    public record ClaimRequest(@NotBlank(message = "name the worker") @Size(max = 200) String workerId) {
    }

    @Schema(name = "Claim", description = "A run the worker now holds; send leaseToken as the Lease-Token header on every call for it.",
            example = """
            {"runId":"5ec52906-ab9a-43fe-8a67-695998a50aa4","districtId":"d1000000-0000-4000-8000-000000000001","kind":"NIGHTLY",
             "leaseToken":"7d893e2f-8fbc-403e-adf7-e61cb3042fa5","leaseExpiresAt":"2026-11-24T08:02:00Z","attempt":1,"useDigest":true}""")
    public record Claim(UUID runId, UUID districtId, RunKind kind, UUID leaseToken, Instant leaseExpiresAt, int attempt,
                        boolean useDigest) {
    }

    @Schema(name = "Heartbeat", description = "Extends the lease and reports progress.", example = """
            {"phase":"users","done":40000,"total":170000,"phases":[{"name":"orgs","done":12,"total":12,"seconds":0.4}]}""")
    public record Heartbeat(@Size(max = 60) @jakarta.validation.constraints.Pattern(regexp = "[^\\x00]*",
                                    message = "must not contain NUL characters") String phase, @PositiveOrZero Long done, @PositiveOrZero Long total,
                            @Size(max = 20) List<Map<String, Object>> phases) {
    }

    @Schema(name = "Lease", description = "The lease after a heartbeat.",
            example = "{\"runId\":\"5ec52906-ab9a-43fe-8a67-695998a50aa4\",\"leaseExpiresAt\":\"2026-11-24T08:04:00Z\"}")
    public record Lease(UUID runId, Instant leaseExpiresAt) {
    }

    @Schema(name = "RunSource", description = "What the worker reads: the platform, decrypted connection settings and the admin's selection.",
            example = """
            {"runId":"5ec52906-ab9a-43fe-8a67-695998a50aa4","districtId":"d1000000-0000-4000-8000-000000000001","platform":"ONEROSTER_API",
             "settings":{"base-url":"https://sis.harbor.k12.example/ims/oneroster/v1p1","auth":"oauth2",
                         "token-url":"https://sis.harbor.k12.example/oauth/token","oauth2-client-auth":"basic",
                         "client-id":"rosterline","client-secret":"s3cr3t-from-the-vault"},
             "schoolSourcedIds":["sch-0001","sch-0002"],"courseSourcedIds":["crs-00025","crs-00029"]}""")
    public record RunSource(UUID runId, UUID districtId, String platform, Map<String, String> settings,
                            List<String> schoolSourcedIds, List<String> courseSourcedIds) {
    }

    @Schema(name = "WorkerCourse", description = "One course of the run's schools as the source has it now.")
    public record WorkerCourse(@NotBlank(message = "every course needs its sourcedId") @Size(max = 400) String sourcedId,
                               @Size(max = 40) String status, @Size(max = 2000) String title, @Size(max = 400) String courseCode,
                               @Size(max = 400) String schoolSourcedId,
                               @Size(max = 100) List<@Size(max = 400) String> subjects,
                               @Size(max = 100) List<@Size(max = 100) String> grades) {
    }

    @Schema(name = "WorkerCourses", description = "Every course of the run's schools (included or not), so that roster-api "
            + "keeps its course list current and decides with the admin's choices and course rules which are synced.",
            example = """
            {"courses":[{"sourcedId":"crs-00025","status":"active","title":"Mathematics Grade 09","courseCode":"MATH-09",
                         "schoolSourcedId":"sch-0002","subjects":["Mathematics"],"grades":["09"]}]}""")
    public record WorkerCourses(@NotNull(message = "send the courses, an empty list when the schools have none")
                                @Size(max = 200000, message = "send at most 200000 courses") List<@Valid WorkerCourse> courses) {
    }

    @Schema(name = "IncludedCourses", description = "The courses of the run the district includes (explicit choices, then course rules).",
            example = "{\"courseSourcedIds\":[\"crs-00025\",\"crs-00029\"],\"added\":1,\"updated\":0,\"removed\":0}")
    public record IncludedCourses(List<String> courseSourcedIds, long added, long updated, long removed) {
    }

    @Schema(name = "Chunk", description = "Differences of one collection. A chunk id seen before changes nothing.", example = """
            {"chunkId":"users-0003","collection":"users",
             "upserts":[{"sourcedId":"u-1","hash":"8c3f1a2b9d4e5f60","status":"active","role":"student","givenName":"Ana",
                         "familyName":"Lopez","email":"ana.lopez@harbor.k12.example","username":"alopez"}],
             "deletes":["u-9"]}""")
    public record ChunkRequest(@NotBlank(message = "give the chunk an id") @Size(max = 200) String chunkId,
                               @NotBlank(message = "name the collection") String collection,
                               @Size(max = 20000, message = "send at most 20000 upserts per chunk") List<Map<String, Object>> upserts,
                               @Size(max = 100000, message = "send at most 100000 deletions per chunk") List<String> deletes) {
    }

    @Schema(name = "ChunkResult", description = "What a chunk changed; duplicate=true for a chunkId seen before (nothing changed twice).",
            example = "{\"chunkId\":\"users-0003\",\"duplicate\":false,\"upserts\":1,\"deletes\":1}")
    public record ChunkResult(String chunkId, boolean duplicate, int upserts, int deletes) {
    }

    @Schema(name = "RunCompletion", description = "The worker read everything; what the connector reported.",
            example = "{\"readReport\":{\"warnings\":3,\"errors\":0,\"firstWarnings\":[\"users/u-1: role 'Student' read as student\"]}}")
    public record CompleteRequest(Map<String, Object> readReport) {
    }

    @Schema(name = "RunFailure", description = "The worker could not finish; the message is shown to admins.",
            example = "{\"error\":\"The OneRoster 1.1 server refused the credentials (HTTP 401).\"}")
    public record FailRequest(@NotBlank(message = "say what went wrong") @Size(max = 4000) String error) {
    }
}
