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
    @Operation(summary = "The district's sync schedule", description = "Mode, nightly window, time zone and what blocks going live.")
    public ScheduleView get(@PathParam("districtId") UUID districtId) {
        return schedule.get(districtId);
    }

    @PUT
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Change the schedule or go live",
            description = "mode LIVE is refused with 409 listing the checklist steps still missing.")
    public ScheduleView update(@PathParam("districtId") UUID districtId,
                               @NotNull(message = "send the schedule as JSON") @Valid ScheduleUpdate request) {
        return schedule.update(districtId, request);
    }
}
