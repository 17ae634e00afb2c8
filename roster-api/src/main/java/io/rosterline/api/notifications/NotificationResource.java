package io.rosterline.api.notifications;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.notifications.NotificationService.NotificationView;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "Held runs and failed runs, for the district's admins.")
public class NotificationResource {

    @Inject
    NotificationService notifications;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "The district's notifications, newest first",
            description = "Held runs, failed runs and forgotten term overrides, each with a plain title and body, its run, "
                    + "whether it was read and whether it was emailed. unread=true lists only unread ones. Paged (page from 0, "
                    + "size 1-200). Support staff and the district's admins (integrators do not receive notifications).")
    public PageResult<NotificationView> list(@PathParam("districtId") UUID districtId,
                                             @QueryParam("unread") @DefaultValue("false") boolean unread,
                                             @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                             @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return notifications.list(districtId, unread, page, size);
    }

    @POST
    @Path("{notificationId}/read")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Mark a notification as read",
            description = "Records who read it and when; marking it again changes nothing. Answers the notification. Support "
                    + "staff and the district's admins; 404 when the notification is not this district's.")
    public NotificationView read(@PathParam("districtId") UUID districtId, @PathParam("notificationId") UUID notificationId) {
        return notifications.markRead(districtId, notificationId);
    }
}
