package io.rosterline.api.licensing;

import io.rosterline.api.licensing.LicensingDtos.BulkCourseLicenses;
import io.rosterline.api.licensing.LicensingDtos.BulkCourseLicensesResult;
import io.rosterline.api.licensing.LicensingDtos.CourseLicenses;
import io.rosterline.api.licensing.LicensingDtos.CourseLicensesWrite;
import io.rosterline.api.security.Roles;
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
@Tag(name = "Course licenses", description = "Which licenses each course grants to its teachers and students.")
public class CourseLicenseResource {

    @Inject
    CourseLicenseService mappings;

    @GET
    @Path("courses/{sourcedId}/licenses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The licenses a course grants",
            description = "The products every teacher and student enrolled in the course's classes receive (teacher editions go "
                    + "to teachers, student editions to students). Support staff and the district's admins and integrators; 404 "
                    + "when the course is not one of this district's.")
    public CourseLicenses get(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId) {
        return mappings.get(districtId, sourcedId);
    }

    @PUT
    @Path("courses/{sourcedId}/licenses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Set the licenses a course grants",
            description = "The list replaces the course's products (an empty list removes them all); licenses follow at the next "
                    + "applied run. Audited. Support staff and the district's admins; 400 names an unknown or retired product, "
                    + "404 when the course is not one of this district's.")
    public CourseLicenses replace(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId,
                                  @NotNull(message = "send {\"productIds\": [...]}") @Valid CourseLicensesWrite request) {
        return mappings.replace(districtId, sourcedId, request.productIds());
    }

    @POST
    @Path("course-licenses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Map several courses to licenses at once",
            description = "replace=false adds the products to each course; replace=true makes them each course's complete set. "
                    + "All or nothing; answers how many courses and mappings changed. Support staff and the district's admins; "
                    + "400 names unknown courses or unknown or retired products.")
    public BulkCourseLicensesResult bulk(@PathParam("districtId") UUID districtId,
                                         @NotNull(message = "send the mapping as JSON") @Valid BulkCourseLicenses request) {
        return mappings.bulk(districtId, request);
    }
}
