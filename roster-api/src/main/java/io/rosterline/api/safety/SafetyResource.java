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
            + "minimum class size, rollover window, additions while held, smallest source share, notification address.")
    public SafetySettings get(@PathParam("districtId") UUID districtId) {
        return settings.get(districtId);
    }

    @PUT
    @Path("safety-settings")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change the district's safety settings")
    public SafetySettings put(@PathParam("districtId") UUID districtId,
                              @NotNull(message = "send the safety settings as JSON") @Valid SafetySettings body) {
        return settings.put(districtId, body);
    }

    @GET
    @Path("runs/{runId}/hold")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Why a run was held", description = "Plain reasons, e.g. \"Lincoln High would lose 412 of 430 enrollments (96 %)\".")
    public HoldView hold(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.hold(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/approve")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Approve a held run: apply it as it is")
    public RunView approve(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.approve(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/discard")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Discard a held run: its removals are never applied")
    public RunView discard(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return holds.discard(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/accept-source-change")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Accept the source change that stopped a run",
            description = "For a run the fail-safe source checks failed (a column missing or renamed, the text encoding changed, "
                    + "a record type far smaller than the last good run) when the change is intended: the district's next run skips "
                    + "those checks once (the removal thresholds still judge it). Start that run as usual. 409 for any other run.")
    public SourceChanges.SourceCheckView acceptSourceChange(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        return sourceChanges.accept(districtId, runId);
    }

    @POST
    @Path("runs/{runId}/restore")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Restore an applied run's license assignments",
            description = "Creates a RESTORE run (staged): review it with GET .../runs/{id}/plan, apply it with POST .../runs/{id}/apply. "
                    + "Applied, the ROSTERED assignments become exactly those the restored run left.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The RESTORE run, staged")
    public jakarta.ws.rs.core.Response restore(@PathParam("districtId") UUID districtId, @PathParam("runId") UUID runId) {
        RunView run = restores.request(districtId, runId);
        return jakarta.ws.rs.core.Response.status(201).entity(run).build();
    }

    @GET
    @Path("shadow-runs")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Shadow runs: nightly dry runs of a district in setup", description = "Newest first, each with the plan "
            + "it computed (who would gain and lose which license); nothing was applied.")
    public io.rosterline.api.common.PageResult<RunView> shadowRuns(@PathParam("districtId") UUID districtId,
            @jakarta.ws.rs.QueryParam("page") @jakarta.ws.rs.DefaultValue("0") @jakarta.validation.constraints.Min(value = 0, message = "must be 0 or more") int page,
            @jakarta.ws.rs.QueryParam("size") @jakarta.ws.rs.DefaultValue("20") @jakarta.validation.constraints.Min(value = 1, message = "must be at least 1") @jakarta.validation.constraints.Max(value = 200, message = "must be at most 200") int size) {
        return shadowRuns.list(districtId, page, size);
    }
}
