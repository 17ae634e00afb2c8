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
    @Operation(summary = "List the sticky licenses",
            description = "Licenses that stay with a person whatever the roster says (coaches, interventionists, staff without "
                    + "classes), each with the account, product, pool and who assigned it. They occupy seats. Support staff and "
                    + "the district's admins and integrators.")
    public List<StickyView> list(@PathParam("districtId") UUID districtId) {
        return sticky.list(districtId);
    }

    @GET
    @Path("sticky-licenses/rostered-staff")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Rostered teachers and staff to pick from",
            description = "Teacher and staff accounts from the applied roster, as candidates for a sticky license (send the "
                    + "id as accountId). Searchable by name, email or login; paged (page from 0, size 1-200). Support staff and "
                    + "the district's admins and integrators.")
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
                    + "Without productIds, the teacher editions whose pools cover today. Answers 201 with one sticky license per "
                    + "product. Support staff and the district's admins. 400 names the field (neither or both of accountId and "
                    + "account, an unknown or non-rostered account, an email outside the SSO domain); 409 when the person already "
                    + "holds it or a product's pools covering today have no seat left.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The sticky licenses given",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                            implementation = StickyView.class)))
    public Response create(@PathParam("districtId") UUID districtId,
                           @NotNull(message = "send the sticky license as JSON") @Valid StickyCreate request) {
        return Response.status(Response.Status.CREATED).entity(sticky.create(districtId, request)).build();
    }

    @DELETE
    @Path("sticky-licenses/{assignmentId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Remove a sticky license",
            description = "Frees its seat at once; the account stays, and a license the roster also grants comes back at the next "
                    + "applied run. Answers 204 No Content. Support staff and the district's admins; 404 when the sticky license "
                    + "is not this district's.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("districtId") UUID districtId, @PathParam("assignmentId") String assignmentId) {
        sticky.delete(districtId, assignmentId);
        return Response.noContent().build();
    }

    @GET
    @Path("sso-format")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The district's SSO format rule",
            description = "The email domain and sign-in name pattern that accounts entered by hand (sticky licenses) must "
                    + "follow, so they can sign in with the district's SSO; null means no check. Support staff and the district's "
                    + "admins and integrators.")
    public SsoFormat getSsoFormat(@PathParam("districtId") UUID districtId) {
        return ssoFormat.get(districtId);
    }

    @PUT
    @Path("sso-format")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Set the district's SSO format rule",
            description = "Email domain and login pattern (a regular expression); null turns a check off. Applies to accounts "
                    + "entered from now on; audited. Support staff and the district's admins; 400 names an invalid field (a "
                    + "pattern that is not a regular expression).")
    public SsoFormat putSsoFormat(@PathParam("districtId") UUID districtId,
                                  @NotNull(message = "send the SSO format as JSON") @Valid SsoFormat request) {
        return ssoFormat.update(districtId, request);
    }
}
