package io.rosterline.api.licensing;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.licensing.StickyDtos.AccountSummary;
import io.rosterline.api.licensing.StickyDtos.SsoFormat;
import io.rosterline.api.licensing.StickyDtos.StickyCreate;
import io.rosterline.api.licensing.StickyDtos.StickyView;
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
@Tag(name = "Sticky licenses", description = "Licenses that stay with a person whatever the roster says; they occupy seats.")
public class StickyLicenseResource {

    @Inject
    StickyLicenseService sticky;
    @Inject
    SsoFormatService ssoFormat;

    @GET
    @Path("sticky-licenses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the sticky licenses")
    public List<StickyView> list(@PathParam("districtId") UUID districtId) {
        return sticky.list(districtId);
    }

    @GET
    @Path("sticky-licenses/rostered-staff")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Rostered teachers and staff to pick from", description = "Searchable by name, email or login; paged.")
    public PageResult<AccountSummary> rosteredStaff(@PathParam("districtId") UUID districtId, @QueryParam("search") String search,
                                                    @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                                    @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return sticky.rosteredStaff(districtId, search, page, size);
    }

    @POST
    @Path("sticky-licenses")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Give a person sticky licenses",
            description = "A rostered teacher (accountId) or an entered account checked against the SSO format. "
                    + "Refused with 409 when a product's pools covering today have no seat left.")
    public Response create(@PathParam("districtId") UUID districtId,
                           @NotNull(message = "send the sticky license as JSON") @Valid StickyCreate request) {
        return Response.status(Response.Status.CREATED).entity(sticky.create(districtId, request)).build();
    }

    @DELETE
    @Path("sticky-licenses/{assignmentId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Remove a sticky license", description = "Frees its seat; the account stays.")
    public Response delete(@PathParam("districtId") UUID districtId, @PathParam("assignmentId") String assignmentId) {
        sticky.delete(districtId, assignmentId);
        return Response.noContent().build();
    }

    @GET
    @Path("sso-format")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The district's SSO format rule")
    public SsoFormat getSsoFormat(@PathParam("districtId") UUID districtId) {
        return ssoFormat.get(districtId);
    }

    @PUT
    @Path("sso-format")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Set the district's SSO format rule", description = "Email domain and login pattern; null turns a check off.")
    public SsoFormat putSsoFormat(@PathParam("districtId") UUID districtId,
                                  @NotNull(message = "send the SSO format as JSON") @Valid SsoFormat request) {
        return ssoFormat.update(districtId, request);
    }
}
