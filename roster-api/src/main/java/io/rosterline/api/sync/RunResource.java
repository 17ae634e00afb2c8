package io.rosterline.api.sync;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.Problem;
import io.rosterline.api.security.Roles;
import io.rosterline.api.staging.ApplyEngine;
import io.rosterline.api.staging.ReviewService;
import io.rosterline.api.staging.ReviewService.StagedClass;
import io.rosterline.api.staging.ReviewService.StagedCounts;
import io.rosterline.api.staging.ReviewService.StagedRosterEntry;
import io.rosterline.api.staging.RunCompletion;
import io.rosterline.api.sync.SyncDtos.RunRequest;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/districts/{districtId}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sync runs", description = "Request imports, follow their progress, review staged data and the license plan, apply.")
public class RunResource {

    /** A trimmed real plan (a district of the sandbox SIS). */
    static final String PLAN_EXAMPLE = """
            {"accounts":{"matchedBySourcedId":0,"matchedByIdentifier":12,"matchedByEmail":3,"matchedByLogin":0,"awaitingReview":1,
                         "updated":15,"created":49,"deactivated":0},
             "products":[{"productId":"9d8218a6-9c46-474f-82d6-dc211285e501","sku":"ALG1-STU","title":"Algebra I Student Edition",
                          "edition":"STUDENT","needed":60,"seatsAvailable":1000,"assigned":60,"unseated":0,"gains":60,"losses":0,
                          "pools":[{"poolId":"076b3ef4-ee79-400f-ba11-9785a326ddc6","seats":1000,"heldBySticky":0,"heldByManual":0,
                                    "heldInGrace":0,"free":1000,"assigned":60}]}],
             "gainsTotal":60,
             "gains":[{"sourcedId":"stu-000001","name":"Hudson Miller","role":"STUDENT","sku":"ALG1-STU",
                       "poolId":"076b3ef4-ee79-400f-ba11-9785a326ddc6","reason":"enrolled in a licensed course"}],
             "lossesTotal":0,"losses":[],"unseatedTotal":0,"unseated":[],
             "allocationOrder":"teachers first, then people who already hold the license, then earliest enrollment begin date, then sourcedId",
             "grace":{"days":7,"started":0,"restored":0,"expired":0}}""";

    @Inject
    RunQueue queue;
    @Inject
    RunReader reader;
    @Inject
    ReviewService review;
    @Inject
    RunCompletion completion;
    @Inject
    io.rosterline.api.staging.StagedReview stagedReview;

    @POST
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Request a run now",
            description = "Queues a run for the next free worker and answers 202 with it (Location: the run). MANUAL_IMPORT "
                    + "stages the roster for review; SYNC_LICENSES applies it; RESYNC reads everything again without the digest "
                    + "and applies. Follow it with GET .../runs/{runId}. Support staff and the district's admins. 400 for NIGHTLY, "
                    + "RESTORE or SHADOW (started otherwise); 409 while a run is waiting or running, for an archived district, "
                    + "or for a CSV district without an accepted upload.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "A run is already waiting or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response request(@PathParam("districtId") UUID districtId,
                            @NotNull(message = "send the run request as JSON") @Valid RunRequest request,
                            @jakarta.ws.rs.core.Context UriInfo uriInfo) {
        RunView run = queue.request(districtId, request.kind());
        return Response.accepted(run).location(uriInfo.getAbsolutePathBuilder().path(run.id().toString()).build()).build();
    }

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Run history",
            description = "Newest first: kind, trigger, status, phases, counts, timings, plan summary, result and errors of "
                    + "every run of the district. Paged (page from 0, size 1-200). Support staff and the district's admins and "
                    + "integrators.")
    public PageResult<RunView> list(@PathParam("districtId") UUID districtId,
                                    @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                    @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return reader.list(districtId, page, size);
    }

    @GET
    @Path("{runId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read one run",
            description = "Status (QUEUED, RUNNING, STAGED, HELD, APPLIED, FAILED, DISCARDED), the live progress such as "
                    + "\"users 40,000 of 170,000\", counts per collection, the read report and any error. Poll it while a run "
                    + "is RUNNING. Support staff and the district's admins and integrators; 404 when the run is not this district's.")
    public RunView get(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return reader.get(districtId, runId);
    }

    @GET
    @Path("{runId}/staged")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "What the run changes",
            description = "Per roster collection (orgs, academicSessions, courses, classes, users, enrollments): how many "
                    + "records the run adds, changes, removes and leaves unchanged. Support staff and the district's admins and "
                    + "integrators; 404 when the run is not this district's.")
    public StagedCounts staged(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return review.counts(districtId, runId);
    }

    @GET
    @Path("{runId}/classes")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Classes as the run leaves them",
            description = "Each class of the included courses with its change and its student and teacher counts; filter by "
                    + "change (ADDED, CHANGED, REMOVED, UNCHANGED). Paged (page from 0, size 1-500). Support staff and the "
                    + "district's admins and integrators; 400 for another change value, 404 when the run is not this district's.")
    public PageResult<StagedClass> classes(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId,
                                           @QueryParam("change") @Pattern(regexp = "ADDED|CHANGED|REMOVED|UNCHANGED",
                                                   message = "use ADDED, CHANGED, REMOVED or UNCHANGED") String change,
                                           @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                           @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int size) {
        return review.classes(districtId, runId, change, page, size);
    }

    @GET
    @Path("{runId}/classes/{classSourcedId}/roster")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "One class's roster as the run leaves it",
            description = "Every enrollment of the class with the person's name and role, teachers first; removed enrollments "
                    + "are listed with change REMOVED. Support staff and the district's admins and integrators; 404 when the run "
                    + "or the class is not this district's.")
    public List<StagedRosterEntry> roster(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId,
                                          @PathParam("classSourcedId") String classSourcedId) {
        return review.roster(districtId, runId, classSourcedId);
    }

    @GET
    @Path("{runId}/plan")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The license plan", description = "Per product and pool: seats needed and available; who gains, who loses "
            + "and who gets no seat (allocation order: " + ApplyEngine.ALLOCATION_ORDER + "). limit caps each list (0-5000; the "
            + "totals are always complete). Support staff and the district's admins and integrators; 404 when the run is not "
            + "this district's, 409 for a run that is neither staged nor applied.")
    @APIResponse(responseCode = "200", description = "The plan", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApplyEngine.Report.class), example = PLAN_EXAMPLE))
    public ApplyEngine.Report plan(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId,
                                   @QueryParam("limit") @DefaultValue("100") @Min(value = 0, message = "must be 0 or more") @Max(value = 5000, message = "must be at most 5000") int limit) {
        return completion.plan(districtId, runId, limit);
    }

    @POST
    @Path("{runId}/review")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Mark a staged import reviewed",
            description = "The admin has looked at the staged data (counts, classes and rosters) and the license plan. Completes "
                    + "the checklist's Import and review step without applying anything; applying a staged manual import "
                    + "(Sync Licenses) completes it too. Marking a run again changes nothing. Answers the run with reviewedAt and "
                    + "reviewedBy. Support staff and the district's admins; 404 when the run is not this district's, 409 for a run "
                    + "that is neither staged nor applied.")
    public RunView review(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return stagedReview.markReviewed(districtId, runId);
    }

    @POST
    @Path("{runId}/apply")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Sync Licenses: apply a staged run", description = "In one transaction: the roster, accounts and ROSTERED "
            + "license assignments. STICKY and MANUAL assignments are kept; seats are never exceeded. Answers the run, "
            + "APPLIED with its apply report. Support staff and the district's admins; 404 when the run is not this district's, "
            + "409 when it is not staged or a later run was applied since it read the roster (start a new import).")
    public RunView apply(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return completion.apply(districtId, runId);
    }
}
