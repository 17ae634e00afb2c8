package io.rosterline.api.audit;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.district.DistrictService;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail")
@RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
public class AuditResource {

    @Inject
    AuditTrail auditTrail;
    @Inject
    DistrictService districts;

    @GET
    @Operation(summary = "The district's configuration changes, newest first",
            description = "Who changed what and when, with the state before and after; secrets (client secrets, passwords, "
                    + "keys, tokens) always show as ********. Paged, newest first (page from 0, size 1-200). Support staff and the "
                    + "district's admins and integrators; 403 for another district, 404 for an unknown one.")
    public PageResult<AuditEntry> list(@PathParam("districtId") UUID districtId,
                                       @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        districts.get(districtId);
        return auditTrail.page(districtId, page, size);
    }
}
