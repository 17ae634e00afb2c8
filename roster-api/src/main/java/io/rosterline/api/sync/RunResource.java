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
            description = "Queues an import for the next free worker. MANUAL_IMPORT stages for review; SYNC_LICENSES and RESYNC apply.")
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
    @Operation(summary = "Run history", description = "Newest first: trigger, phases, counts, timings, plan summary, result and errors.")
    public PageResult<RunView> list(@PathParam("districtId") UUID districtId,
                                    @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                    @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return reader.list(districtId, page, size);
    }

    @GET
    @Path("{runId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read one run", description = "Includes the live progress, e.g. \"users 40,000 of 170,000\".")
    public RunView get(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return reader.get(districtId, runId);
    }

    @GET
    @Path("{runId}/staged")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "What the run changes", description = "Per collection: added, changed, removed, unchanged.")
    public StagedCounts staged(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return review.counts(districtId, runId);
    }

    @GET
    @Path("{runId}/classes")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Classes as the run leaves them", description = "Paged; filter by change (ADDED, CHANGED, REMOVED, UNCHANGED).")
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
    @Operation(summary = "One class's roster as the run leaves it", description = "Teachers first; removed enrollments are listed as REMOVED.")
    public List<StagedRosterEntry> roster(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId,
                                          @PathParam("classSourcedId") String classSourcedId) {
        return review.roster(districtId, runId, classSourcedId);
    }

    @GET
    @Path("{runId}/plan")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The license plan", description = "Per product and pool: seats needed and available; who gains, who loses "
            + "and who gets no seat (allocation order: " + ApplyEngine.ALLOCATION_ORDER + ").")
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
                    + "(Sync Licenses) completes it too. Marking a run again changes nothing.")
    public RunView review(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return stagedReview.markReviewed(districtId, runId);
    }

    @POST
    @Path("{runId}/apply")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Sync Licenses: apply a staged run", description = "In one transaction: the roster, accounts and ROSTERED "
            + "license assignments. STICKY and MANUAL assignments are kept; seats are never exceeded.")
    public RunView apply(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return completion.apply(districtId, runId);
    }
}
