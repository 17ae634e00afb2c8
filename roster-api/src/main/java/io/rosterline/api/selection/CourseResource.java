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
                    + "Each course says whether it is effectively included and why (an explicit choice, a rule, or the default). "
                    + "Page from 0, size 1-500. Support staff and the district's admins and integrators.")
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
    @Operation(summary = "Read one course with its effective inclusion",
            description = "The course as last discovered, whether it is effectively included and why (explicit choice or which "
                    + "rule). Support staff and the district's admins and integrators; 404 when the course is not one of this "
                    + "district's.")
    public CourseView get(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId) {
        return courses.get(districtId, sourcedId);
    }

    @PUT
    @Path("courses/{sourcedId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include or exclude one course explicitly, or let the rules decide (included: null)",
            description = "An explicit choice wins over every course rule; included=null clears it so the rules decide again. "
                    + "Answers the course with its effective inclusion; audited. Support staff and the district's admins; 404 when "
                    + "the course is not one of this district's.")
    public CourseView choose(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId,
                             @NotNull(message = "send {\"included\": true|false|null}") @Valid CourseChoice request) {
        return courses.choose(districtId, sourcedId, request.included());
    }

    @POST
    @Path("courses/selection")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include, exclude or clear many courses at once",
            description = "Either lists {include, exclude, clear} or {all:true, included:true|false|null, search, school}. "
                    + "Unknown ids are refused and nothing changes. Answers how many courses changed and are included. Support "
                    + "staff and the district's admins; 400 names the unknown ids or an id listed twice.")
    public SelectionResult select(@PathParam("districtId") UUID districtId,
                                  @NotNull(message = "send the selection as JSON") @Valid CourseSelection request) {
        return courses.select(districtId, request);
    }

    @GET
    @Path("course-rules")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the course rules",
            description = "The INCLUDE and EXCLUDE rules on subject, code or title (with * wildcards), in the order they apply, "
                    + "each with how many of the discovered courses it matches now. Support staff and the district's admins and "
                    + "integrators.")
    public List<CourseRuleView> rules(@PathParam("districtId") UUID districtId) {
        return courses.rules(districtId);
    }

    @POST
    @Path("course-rules")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Add a course rule",
            description = "Includes or excludes every course whose subject, code or title matches, also courses that appear "
                    + "later in the SIS (explicit choices still win). Answers 201 with the rule and how many courses it matches. "
                    + "Support staff and the district's admins; 400 names the field (a pattern of only *), 409 when the same rule "
                    + "exists.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "Added",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CourseRuleView.class)))
    public Response addRule(@PathParam("districtId") UUID districtId,
                            @NotNull(message = "send the rule as JSON") @Valid CourseRuleCreate request) {
        CourseRuleView created = courses.addRule(districtId, request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("course-rules/{ruleId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Remove a course rule",
            description = "Courses it decided fall back to the other rules, else are excluded, from the next run. Answers 204 No "
                    + "Content; audited. Support staff and the district's admins; 404 when the rule is not this district's.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Removed")
    public Response deleteRule(@PathParam("districtId") UUID districtId, @PathParam("ruleId") String ruleId) {
        courses.deleteRule(districtId, ruleId);
        return Response.noContent().build();
    }

    @POST
    @Path("courses/refresh")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Load the courses of the chosen schools from the SIS",
            description = "Reads the courses of the included schools through the district's connection (or newest accepted CSV "
                    + "upload), answering how many were added, updated and removed; choices and rules are kept. Support staff "
                    + "and the district's admins; 409 when no school is included or no SIS is connected, 502 when the SIS does not "
                    + "answer as expected.")
    public RefreshResult refresh(@PathParam("districtId") UUID districtId) {
        return discovery.refreshCourses(districtId);
    }
}
