package io.rosterline.api.licensing;

import io.rosterline.api.licensing.LicensingDtos.PoolView;
import io.rosterline.api.licensing.LicensingDtos.PoolWrite;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/districts/{districtId}/license-pools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "License pools", description = "Seats the district bought, per product and period.")
public class LicensePoolResource {

    @Inject
    LicensePoolService pools;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the district's license pools",
            description = "Every pool with its product, seats, period, purchase order and mode, and seatsUsed, seatsRemaining "
                    + "and whether it covers today. Support staff and the district's admins and integrators.")
    public List<PoolView> list(@PathParam("districtId") UUID districtId) {
        return pools.list(districtId);
    }

    @GET
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read a license pool",
            description = "One pool with its seats in use and remaining. Support staff and the district's admins and "
                    + "integrators; 404 when the pool is not this district's.")
    public PoolView get(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId) {
        return pools.get(districtId, poolId);
    }

    @POST
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Add a license pool",
            description = "Seats of one product for a period (ROSTERED: the sync assigns them; MANUAL: only admins do). A district "
                    + "may hold several pools, also for the same product. Answers 201 with the pool (Location: the pool). Support "
                    + "staff and the district's admins; 400 names the field (unknown or retired product, end before start, negative "
                    + "seats).")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "Added",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = PoolView.class)))
    public Response create(@PathParam("districtId") UUID districtId,
                           @NotNull(message = "send the pool as JSON") @Valid PoolWrite request, @Context UriInfo uriInfo) {
        PoolView created = pools.create(districtId, request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change a license pool",
            description = "Replaces the pool's fields; audited. Seats cannot drop below the seats in use, and the product cannot "
                    + "change while licenses are assigned from the pool. Support staff and the district's admins; 400 names the "
                    + "field, 404 when the pool is not this district's.")
    public PoolView update(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId,
                           @NotNull(message = "send the pool as JSON") @Valid PoolWrite request) {
        return pools.update(districtId, poolId, request);
    }

    @DELETE
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Delete a license pool",
            description = "Deletes a pool no license is assigned from; audited. Answers 204 No Content. Support staff and the "
                    + "district's admins; 404 when the pool is not this district's, 409 while licenses are assigned from it.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId) {
        pools.delete(districtId, poolId);
        return Response.noContent().build();
    }
}
