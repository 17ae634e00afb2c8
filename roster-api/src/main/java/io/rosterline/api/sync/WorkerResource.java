package io.rosterline.api.sync;

import io.rosterline.api.security.Roles;
import io.rosterline.api.staging.RunCompletion;
import io.rosterline.api.staging.RunSourceService;
import io.rosterline.api.staging.StagingService;
import io.rosterline.api.sync.SyncDtos.ChunkRequest;
import io.rosterline.api.sync.SyncDtos.ChunkResult;
import io.rosterline.api.sync.SyncDtos.Claim;
import io.rosterline.api.sync.SyncDtos.ClaimRequest;
import io.rosterline.api.sync.SyncDtos.CompleteRequest;
import io.rosterline.api.sync.SyncDtos.FailRequest;
import io.rosterline.api.sync.SyncDtos.Heartbeat;
import io.rosterline.api.sync.SyncDtos.IncludedCourses;
import io.rosterline.api.sync.SyncDtos.WorkerCourses;
import io.rosterline.api.sync.SyncDtos.Lease;
import io.rosterline.api.sync.SyncDtos.RunSource;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The worker protocol: claim, read what to sync, fetch the digest, post differences in chunks, heartbeat, complete. */
@Path("/api/v1/worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYNC_WORKER)
@Tag(name = "Worker", description = "For sync workers only (role sync-worker).")
public class WorkerResource {

    public static final String LEASE_HEADER = "Lease-Token";
    public static final String NDJSON = "application/x-ndjson";
    public static final String ZIP = "application/zip";

    @Inject
    RunQueue queue;
    @Inject
    StagingService staging;
    @Inject
    RunSourceService sources;
    @Inject
    RunCompletion completion;

    @POST
    @Path("claims")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Claim one due run",
            description = "Queues the nightly runs that are due, releases expired leases, then gives this worker the oldest "
                    + "QUEUED run of a district nobody is syncing: 200 with the claim and its lease token (send it as Lease-Token "
                    + "on every call for the run, and heartbeat before leaseExpiresAt), or 204 No Content when nothing is due. "
                    + "The sync-worker role only; 400 without a workerId.")
    @APIResponse(responseCode = "200", description = "A run, now held by this worker",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Claim.class)))
    @APIResponse(responseCode = "204", description = "Nothing is due")
    public Response claim(@NotNull(message = "send the claim request as JSON") @Valid ClaimRequest request) {
        return queue.claim(request.workerId()).map(c -> Response.ok(c).build()).orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("runs/{runId}/heartbeat")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Extend the lease and report progress",
            description = "Extends the lease by the lease time and records the phase and counts admins see on the run. Send it "
                    + "well before leaseExpiresAt; a run whose lease expires goes back to the queue. The sync-worker role only; "
                    + "404 for an unknown run, 409 when this lease no longer holds it (stop working on the run).")
    public Lease heartbeat(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken, @Valid Heartbeat heartbeat) {
        return queue.heartbeat(runId, leaseToken, heartbeat);
    }

    @GET
    @Path("runs/{runId}/source")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "What to read", description = "Platform, decrypted connection settings and the selected schools and courses. "
            + "For a OneRoster CSV district: the newest accepted upload (recorded on the run; fetch it from .../source/archive). "
            + "The settings hold the decrypted secret, so they are only given to the lease holder. The sync-worker role only; "
            + "404 for an unknown run, 409 when this lease no longer holds it.")
    public RunSource source(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken) {
        return sources.source(runId, leaseToken);
    }

    @GET
    @Path("runs/{runId}/source/archive")
    @Produces({ZIP, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "The run's OneRoster CSV zip",
            description = "The upload the run chose when it asked for its source, streamed from PostgreSQL as it is read "
                    + "(check it against the source's size-bytes and sha256). The sync-worker role only; 422 when the run has not chosen "
                    + "an upload yet (ask for its source first), 409 when the lease is gone.")
    @APIResponse(responseCode = "200", description = "The zip, as it was uploaded", content = @Content(mediaType = ZIP,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response archive(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken) {
        return Response.ok(sources.archive(runId, leaseToken), ZIP).build();
    }

    @POST
    @Path("runs/{runId}/courses")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Report the source's courses; learn which are included",
            description = "Every course of the run's schools as the source has it now. roster-api refreshes its course list "
                    + "(the admin's choices are kept) and answers the included ones: explicit choices, then the course rules, "
                    + "so a course new in the SIS that matches an INCLUDE rule is synced and one matching an EXCLUDE rule is not. "
                    + "The sync-worker role only; 400 names an invalid course field, 409 when the lease is gone.")
    public IncludedCourses courses(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken,
                                   @NotNull(message = "send the courses as JSON") @Valid WorkerCourses body) {
        return sources.courses(runId, leaseToken, body);
    }

    @GET
    @Path("runs/{runId}/digest")
    @Produces({NDJSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "The district's current digest of one collection",
            description = "What roster-api holds now for one collection (users, orgs, academicSessions, courses, classes, "
                    + "enrollments), so the worker posts only differences: streamed NDJSON, one {\"s\": sourcedId, \"h\": hex "
                    + "content hash} per line, in no particular order; empty for a district never synced. The sync-worker role "
                    + "only; 400 for an unknown collection, 409 when the lease is gone.")
    @APIResponse(responseCode = "200", description = "One line per record the district holds", content = @Content(mediaType = NDJSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    description = "Newline-delimited JSON objects {\"s\": sourcedId, \"h\": content hash (hex)}"),
            // A JSON string, so that the document keeps the lines as they are sent (not parsed as one object).
            example = "\"{\\\"s\\\":\\\"stu-000001\\\",\\\"h\\\":\\\"8c3f1a2b9d4e5f60\\\"}\\n"
                    + "{\\\"s\\\":\\\"stu-000002\\\",\\\"h\\\":\\\"0d9e44c1a7b2f318\\\"}\\n"
                    + "{\\\"s\\\":\\\"tch-00001\\\",\\\"h\\\":\\\"f1e2d3c4b5a69788\\\"}\\n\""))
    public Response digest(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken,
                           @QueryParam("collection") @NotNull(message = "name the collection, e.g. users") String collection) {
        return Response.ok(staging.digest(runId, leaseToken, collection), NDJSON).build();
    }

    @POST
    @Path("runs/{runId}/chunks")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Post one chunk of differences",
            description = "Upserts (the full record with its content hash) and deletions (sourcedIds) of one collection, staged "
                    + "on the run. Idempotent by chunkId: a retried chunk changes nothing twice (duplicate=true). The sync-worker "
                    + "role only; 400 names the offending record or field (unknown collection, missing sourcedId, a sourcedId twice, "
                    + "a bad hash or date), 409 when the lease is gone.")
    public ChunkResult chunk(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken,
                             @NotNull(message = "send the chunk as JSON") @Valid ChunkRequest chunk) {
        return staging.ingest(runId, leaseToken, chunk);
    }

    @POST
    @Path("runs/{runId}/complete")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Finish reading",
            description = "Stages the run with the connector's read report; nightly, SYNC_LICENSES and RESYNC runs are then "
                    + "judged by the safety checks and applied at once, or HELD for an admin. Answers the run. The sync-worker "
                    + "role only; 404 for an unknown run, 409 when the lease is gone.")
    public RunView complete(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken, CompleteRequest request) {
        return completion.complete(runId, leaseToken, request);
    }

    @POST
    @Path("runs/{runId}/fail")
    @RolesAllowed(Roles.SYNC_WORKER)
    @Operation(summary = "Give up a run",
            description = "Marks the run FAILED with the message admins will read and removes its staged rows; the district's "
                    + "roster and licenses stay as they were. Answers 204 No Content. The sync-worker role only; 400 without a "
                    + "message, 404 for an unknown run, 409 when the lease is gone.")
    @APIResponse(responseCode = "204", description = "The run is failed")
    public Response fail(@PathParam("runId") UUID runId, @HeaderParam(LEASE_HEADER) UUID leaseToken,
                         @NotNull(message = "send the failure as JSON") @Valid FailRequest request) {
        queue.fail(runId, leaseToken, request.error());
        return Response.noContent().build();
    }
}
