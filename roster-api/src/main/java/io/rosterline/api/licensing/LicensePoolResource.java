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
    @Operation(summary = "List the district's license pools", description = "With seatsUsed, seatsRemaining and whether each covers today.")
    public List<PoolView> list(@PathParam("districtId") UUID districtId) {
        return pools.list(districtId);
    }

    @GET
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read a license pool")
    public PoolView get(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId) {
        return pools.get(districtId, poolId);
    }

    @POST
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Add a license pool", description = "A district may hold several pools, also for the same product.")
    public Response create(@PathParam("districtId") UUID districtId,
                           @NotNull(message = "send the pool as JSON") @Valid PoolWrite request, @Context UriInfo uriInfo) {
        PoolView created = pools.create(districtId, request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change a license pool", description = "Seats cannot drop below the seats in use.")
    public PoolView update(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId,
                           @NotNull(message = "send the pool as JSON") @Valid PoolWrite request) {
        return pools.update(districtId, poolId, request);
    }

    @DELETE
    @Path("{poolId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Delete a license pool", description = "Refused (409) while licenses are assigned from it.")
    public Response delete(@PathParam("districtId") UUID districtId, @PathParam("poolId") UUID poolId) {
        pools.delete(districtId, poolId);
        return Response.noContent().build();
    }
}
