package io.rosterline.api.checklist;

import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/checklist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checklist", description = "The Integration Settings Checklist: what is done and what blocks going live.")
@RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
public class ChecklistResource {

    @Inject
    ChecklistService checklist;

    @GET
    @Operation(summary = "The district's checklist",
            description = "Each of the nine steps in order with its state (NOT_STARTED, NEEDS_ATTENTION, DONE), a one-line "
                    + "summary and the next action; liveBlockers lists what still keeps the district from going live. Support "
                    + "staff and the district's admins and integrators; 403 for another district, 404 for an unknown one.")
    public ChecklistView get(@PathParam("districtId") UUID districtId) {
        return checklist.checklist(districtId);
    }
}
