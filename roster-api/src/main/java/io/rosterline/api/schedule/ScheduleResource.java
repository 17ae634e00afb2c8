package io.rosterline.api.schedule;

import io.rosterline.api.schedule.ScheduleDtos.ScheduleUpdate;
import io.rosterline.api.schedule.ScheduleDtos.ScheduleView;
import io.rosterline.api.security.Roles;
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

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schedule", description = "Set up, pause or go live with the nightly sync.")
public class ScheduleResource {

    @Inject
    ScheduleService schedule;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The district's sync schedule",
            description = "Mode (SETUP, PAUSED, LIVE), the nightly window in the district's time zone, a one-line summary, "
                    + "whether the district is ready to go live and the checklist steps that still block going live. Support staff and the district's admins and integrators.")
    public ScheduleView get(@PathParam("districtId") UUID districtId) {
        return schedule.get(districtId);
    }

    @PUT
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change the schedule or go live",
            description = "Send any of mode, nightlyWindow and timezone; absent ones stay. PAUSED stops the nightly sync until "
                    + "set LIVE again. Support staff and the district's admins. 400 names an invalid field; mode LIVE is refused "
                    + "with 409 listing each checklist step still missing (errors[].field = mode).")
    public ScheduleView update(@PathParam("districtId") UUID districtId,
                               @NotNull(message = "send the schedule as JSON") @Valid ScheduleUpdate request) {
        return schedule.update(districtId, request);
    }
}
