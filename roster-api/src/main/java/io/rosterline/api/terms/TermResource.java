package io.rosterline.api.terms;

import io.rosterline.api.security.Roles;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.api.selection.DiscoveryService;
import jakarta.ws.rs.POST;
import io.rosterline.api.terms.TermDtos.TermOverride;
import io.rosterline.api.terms.TermDtos.TermView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/districts/{districtId}/terms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Terms", description = "The SIS's academic sessions and the district's date adjustments.")
public class TermResource {

    @Inject
    TermService terms;
    @Inject
    DiscoveryService discovery;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the academic sessions",
            description = "The SIS's school years, semesters and terms last loaded (see refresh), in date order, with the "
                    + "district's overrides, the effective dates licenses follow, and warnings (e.g. an override that no longer "
                    + "fits). Support staff and the district's admins and integrators.")
    public List<TermView> list(@PathParam("districtId") UUID districtId) {
        return terms.list(districtId);
    }

    @PUT
    @Path("{sourcedId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Adjust a term's dates",
            description = "overrideStart opens access early; freezeEnd keeps access late; null removes an adjustment. Licenses "
                    + "follow the effective dates from the next applied run. Audited. Support staff and the district's admins; "
                    + "400 names an invalid field, 404 when the term is not this district's.")
    public TermView override(@PathParam("districtId") UUID districtId, @PathParam("sourcedId") String sourcedId,
                             @NotNull(message = "send {\"overrideStart\": ..., \"freezeEnd\": ...}") @Valid TermOverride request) {
        return terms.override(districtId, sourcedId, request);
    }

    @POST
    @Path("refresh")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Load the academic sessions from the SIS",
            description = "Reads the sessions through the district's connection (or newest accepted CSV upload) and answers how "
                    + "many were added, updated and removed; date adjustments are kept while they still fit. Support staff and "
                    + "the district's admins; 409 when no SIS is connected yet, 502 when the SIS does not answer as expected.")
    public RefreshResult refresh(@PathParam("districtId") UUID districtId) {
        return discovery.refreshTerms(districtId);
    }
}
