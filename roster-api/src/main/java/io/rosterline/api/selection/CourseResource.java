package io.rosterline.api.selection;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.api.selection.CourseDtos.CourseChoice;
import io.rosterline.api.selection.CourseDtos.CourseRuleCreate;
import io.rosterline.api.selection.CourseDtos.CourseRuleView;
import io.rosterline.api.selection.CourseDtos.CourseSelection;
import io.rosterline.api.selection.CourseDtos.CourseView;
import io.rosterline.api.selection.SchoolDtos.SelectionResult;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/districts/{districtId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Courses", description = "Choose which courses of the included schools the district processes, by hand and by rules.")
public class CourseResource {

    @Inject
    CourseService courses;
    @Inject
    DiscoveryService discovery;

    @GET
    @Path("courses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the courses of the included schools",
            description = "Paged; search by title, code or id; filter by school and by effectivelyIncluded=true|false. "
                    + "Each course says whether it is effectively included and why.")
    public PageResult<CourseView> list(@PathParam("districtId") UUID districtId,
                                       @QueryParam("search") String search,
                                       @QueryParam("school") String school,
                                       @QueryParam("effectivelyIncluded") Boolean effectivelyIncluded,
                                       @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int size) {
        return courses.list(districtId, search, school, effectivelyIncluded, page, size);
    }

    @GET
    @Path("courses/{sourcedId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read one course with its effective inclusion")
    public CourseView get(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId) {
        return courses.get(districtId, sourcedId);
    }

    @PUT
    @Path("courses/{sourcedId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include or exclude one course explicitly, or let the rules decide (included: null)")
    public CourseView choose(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId,
                             @NotNull(message = "send {\"included\": true|false|null}") @Valid CourseChoice request) {
        return courses.choose(districtId, sourcedId, request.included());
    }

    @POST
    @Path("courses/selection")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include, exclude or clear many courses at once",
            description = "Either lists {include, exclude, clear} or {all:true, included:true|false|null, search, school}. "
                    + "Unknown ids are refused and nothing changes.")
    public SelectionResult select(@PathParam("districtId") UUID districtId,
                                  @NotNull(message = "send the selection as JSON") @Valid CourseSelection request) {
        return courses.select(districtId, request);
    }

    @GET
    @Path("course-rules")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the course rules", description = "With how many cached courses each rule matches now.")
    public List<CourseRuleView> rules(@PathParam("districtId") UUID districtId) {
        return courses.rules(districtId);
    }

    @POST
    @Path("course-rules")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Add a course rule",
            description = "Includes or excludes every course whose subject, code or title matches, also courses that appear later.")
    public Response addRule(@PathParam("districtId") UUID districtId,
                            @NotNull(message = "send the rule as JSON") @Valid CourseRuleCreate request) {
        CourseRuleView created = courses.addRule(districtId, request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("course-rules/{ruleId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Remove a course rule", description = "Courses it decided fall back to the other rules, else are excluded.")
    public Response deleteRule(@PathParam("districtId") UUID districtId, @PathParam("ruleId") String ruleId) {
        courses.deleteRule(districtId, ruleId);
        return Response.noContent().build();
    }

    @POST
    @Path("courses/refresh")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Load the courses of the chosen schools from the SIS", description = "Choices and rules are kept.")
    public RefreshResult refresh(@PathParam("districtId") UUID districtId) {
        return discovery.refreshCourses(districtId);
    }
}
