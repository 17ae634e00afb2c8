package io.rosterline.api.selection;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.api.selection.SchoolDtos.SchoolChoice;
import io.rosterline.api.selection.SchoolDtos.SchoolSelection;
import io.rosterline.api.selection.SchoolDtos.SchoolView;
import io.rosterline.api.selection.SchoolDtos.SelectionResult;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/schools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schools", description = "Choose which of the SIS's schools the district processes.")
public class SchoolResource {

    @Inject
    SchoolService schools;
    @Inject
    DiscoveryService discovery;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the district's schools",
            description = "The schools last discovered in the SIS (see refresh), paged, searchable by name or identifier "
                    + "and filterable by included=true|false (page from 0, size 1-500). Only included schools are synced. Support "
                    + "staff and the district's admins and integrators.")
    public PageResult<SchoolView> list(@PathParam("districtId") UUID districtId,
                                       @QueryParam("search") String search,
                                       @QueryParam("included") Boolean included,
                                       @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int size) {
        return schools.list(districtId, search, included, page, size);
    }

    @PUT
    @Path("{sourcedId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include or exclude one school",
            description = "included=true syncs the school's courses, classes and people from the next run; false stops. "
                    + "Audited. Support staff and the district's admins; 400 without included, 404 when the school is not one of "
                    + "this district's (load them with refresh first).")
    public SchoolView choose(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId,
                             @NotNull(message = "send {\"included\": true|false}") @Valid SchoolChoice request) {
        return schools.choose(districtId, sourcedId, request.included());
    }

    @POST
    @Path("selection")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Include or exclude many schools at once",
            description = "Either {include:[...], exclude:[...]} or {all:true, included:true|false, search:\"...\"}. "
                    + "Unknown ids are refused and nothing changes. Answers how many schools changed and are included. Support "
                    + "staff and the district's admins; 400 names the unknown ids or the conflicting fields.")
    public SelectionResult select(@PathParam("districtId") UUID districtId,
                                  @NotNull(message = "send the selection as JSON") @Valid SchoolSelection request) {
        return schools.select(districtId, request);
    }

    @POST
    @Path("refresh")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Load the schools from the SIS",
            description = "Reads the schools through the district's connection (or its newest accepted CSV upload) and updates "
                    + "the list, answering how many were added, updated and removed; choices are kept. Support staff and the "
                    + "district's admins; 409 when no SIS is connected yet, 502 when the SIS does not answer as expected.")
    public RefreshResult refresh(@PathParam("districtId") UUID districtId) {
        return discovery.refreshSchools(districtId);
    }
}
