package io.rosterline.api.safety;

import io.rosterline.api.safety.WhyService.Why;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/users/{userId}/licenses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Why", description = "Why a person holds a license, or the first missing link.")
public class WhyResource {

    @Inject
    WhyService why;

    @GET
    @Path("{productId}/why")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Why this person holds this license",
            description = "The chain enrollment -> class -> course mapping -> term dates (with overrides) -> pool and seats -> "
                    + "assignment, or the first missing link (\"Course MATH-7 is not mapped to Math 7 Student Edition\"). "
                    + "userId is the account id or the rostered sourcedId. Support staff and the district's admins and "
                    + "integrators; 404 when neither the person nor the product is known in this district.")
    public Why why(@PathParam("districtId") UUID districtId,
                   @PathParam("userId") @Size(max = 255, message = "must be at most 255 characters") String userId,
                   @PathParam("productId") UUID productId) {
        return why.why(districtId, userId, productId);
    }
}
