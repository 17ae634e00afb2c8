package io.rosterline.api.district;

import io.rosterline.api.district.DistrictDtos.Me;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Districts")
public class MeResource {

    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR, Roles.SYNC_WORKER})
    @Operation(summary = "Who am I",
            description = "The signed-in account as roster-api sees its token: the name used in the audit trail, its roles and "
                    + "the districts it may reach (every district for support). Any role may call it; 401 without a valid token.")
    public Me me() {
        return new Me(currentUser.actor(), currentUser.roles(), currentUser.districtIds(), currentUser.isSupport());
    }
}
