package io.rosterline.api.safety;

import io.rosterline.api.safety.HoldService.HoldView;
import io.rosterline.api.security.Roles;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Safety", description = "Removal thresholds that hold a run, fail-safe checks, and the admin's decision on held runs.")
public class SafetyResource {

    @Inject
    SafetySettingsService settings;
    @Inject
    HoldService holds;
    @Inject
    RestoreService restores;
    @Inject
    ShadowRuns shadowRuns;
    @Inject
    SourceChanges sourceChanges;

    @GET
    @Path("safety-settings")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The district's safety settings", description = "Thresholds per record type (percent and minimum count), "
            + "minimum class size, rollover window, additions while held, smallest source share, grace days, account match "
            + "order and the notification address. Defaults until changed. Support staff and the district's admins and integrators.")
    public SafetySettings get(@PathParam("districtId") UUID districtId) {
        return settings.get(districtId);
    }

    @PUT
    @Path("safety-settings")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change the district's safety settings",
            description = "Replaces the whole settings object (read it first, change what you need, send it back); audited. "
                    + "The next run is judged by the new thresholds. Support staff and the district's admins; 400 names each "
                    + "invalid field (percent outside 0-100, a rollover window that ends before it starts, an unknown match rule).")
    public SafetySettings put(@PathParam("districtId") UUID districtId,
                              @NotNull(message = "send the safety settings as JSON") @Valid SafetySettings body) {
        return settings.put(districtId, body);
    }

    @GET
    @Path("runs/{runId}/hold")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Why a run was held",
            description = "Plain reasons, e.g. \"Lincoln High would lose 412 of 430 enrollments (96 %)\", each threshold "
                    + "finding, whether additions were applied meanwhile, and the decision once taken. Support staff and the "
                    + "district's admins and integrators; 404 when the run is not this district's or was never held.")
    public HoldView hold(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.hold(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/approve")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Approve a held run: apply it as it is",
            description = "Applies the held run's removals and additions in one transaction, records the decision and answers "
                    + "the run (status APPLIED). Support staff and the district's admins; 404 when the run is not this "
                    + "district's, 409 when it is not held (already decided, or never held).")
    public RunView approve(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.approve(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/discard")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Discard a held run: its removals are never applied",
            description = "Drops the held run's staged rows and records the decision; additions already applied while it was "
                    + "held stay. Answers the run (status DISCARDED). Support staff and the district's admins; 404 when the run "
                    + "is not this district's, 409 when it is not held.")
    public RunView discard(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.discard(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/accept-source-change")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Accept the source change that stopped a run",
            description = "For a run the fail-safe source checks failed (a column missing or renamed, the text encoding changed, "
                    + "a record type far smaller than the last good run) when the change is intended: the district's next run skips "
                    + "those checks once (the removal thresholds still judge it). Start that run as usual. Support staff and the "
                    + "district's admins; 404 when the run is not this district's, 409 for any other run or one already accepted.")
    public SourceChanges.SourceCheckView acceptSourceChange(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return sourceChanges.accept(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/restore")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Restore an applied run's license assignments",
            description = "Creates a RESTORE run (staged): review it with GET .../runs/{id}/plan, apply it with POST .../runs/{id}/apply. "
                    + "Applied, the ROSTERED assignments become exactly those the restored run left. Support staff and the "
                    + "district's admins; 404 when the run is not this district's, 409 when it was not applied or its seats no "
                    + "longer fit the pools.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The RESTORE run, staged",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RunView.class)))
    public jakarta.ws.rs.core.Response restore(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        RunView run = restores.request(districtId, runId);
        return jakarta.ws.rs.core.Response.status(201).entity(run).build();
    }

    @GET
    @Path("shadow-runs")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Shadow runs: nightly dry runs of a district in setup", description = "Newest first, each with the plan "
            + "it computed (who would gain and lose which license); nothing was applied. Only districts in SETUP with shadow "
            + "runs switched on (safety settings shadowNightly) have any. Paged (page from 0, size 1-200). Support staff and the "
            + "district's admins and integrators.")
    public io.rosterline.api.common.PageResult<RunView> shadowRuns(@PathParam("districtId") UUID districtId,
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") @jakarta.validation.constraints.Min(value = 0, message = "must be 0 or more") int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("20") @jakarta.validation.constraints.Min(value = 1, message = "must be at least 1") @jakarta.validation.constraints.Max(value = 200, message = "must be at most 200") int size) {
        return shadowRuns.list(districtId, page, size);
    }
}
