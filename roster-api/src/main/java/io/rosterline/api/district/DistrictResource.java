package io.rosterline.api.district;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.Problem;
import io.rosterline.api.district.DistrictDtos.DistrictCreate;
import io.rosterline.api.district.DistrictDtos.DistrictUpdate;
import io.rosterline.api.district.DistrictDtos.DistrictView;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Districts", description = "The tenants. Support staff manage all districts; a district admin sees their own.")
public class DistrictResource {

    @Inject
    DistrictService districts;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the districts you can reach",
            description = "Support staff see every district; district admins and integrators see only the districts named in their "
                    + "token's districts claim. Paged (page from 0, size 1-200) and searchable by name; archived districts only "
                    + "with includeArchived=true. 400 names the query parameter that is out of range.")
    public PageResult<DistrictView> list(@QueryParam("search") String search,
                                         @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
                                         @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                         @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return districts.list(search, includeArchived, page, size);
    }

    @POST
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Create a district",
            description = "Support staff only. The district starts in SETUP mode with the default nightly window (00:00-02:00) "
                    + "and time zone America/Los_Angeles unless given; the Location header points at it. 400 names each invalid "
                    + "field (state code, NCES id, time zone); 409 when a district with the given id already exists.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = DistrictView.class)))
    @APIResponse(responseCode = "400", description = "A field is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull(message = "send the district as JSON") @Valid DistrictCreate request, @jakarta.ws.rs.core.Context UriInfo uriInfo) {
        DistrictView created = districts.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Path("{districtId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read a district",
            description = "The district's settings: platform, schedule mode, time zone and nightly window. Support staff, and "
                    + "the district's own admins and integrators; another district's caller gets 403, an unknown id 404.")
    public DistrictView get(@PathParam("districtId") UUID districtId) {
        return districts.get(districtId);
    }

    @PUT
    @Path("{districtId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change a district's settings",
            description = "Absent fields stay as they are; every change is audited. District admins may change timezone, "
                    + "platform and nightlyWindow; name, state and ncesId are for support staff (403 for an admin who sends them). "
                    + "400 names each invalid field.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = DistrictView.class)))
    @APIResponse(responseCode = "400", description = "A field is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DistrictView update(@PathParam("districtId") UUID districtId,
                               @NotNull(message = "send the changes as JSON") @Valid DistrictUpdate request) {
        return districts.update(districtId, request);
    }

    @DELETE
    @Path("{districtId}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Archive a district",
            description = "Support staff only. Archiving stops the nightly sync and new runs (409 afterwards); nothing is "
                    + "deleted and the district stays readable with includeArchived=true. Answers the archived district.")
    public DistrictView archive(@PathParam("districtId") UUID districtId) {
        return districts.archive(districtId);
    }
}
