package io.rosterline.api.sftp;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.district.District;
import io.rosterline.api.security.Roles;
import io.rosterline.api.sftp.UploadDtos.UploadView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

@Path("/api/v1/districts/{districtId}/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SFTP", description = "The district's SFTP account for OneRoster CSV uploads.")
@RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
public class UploadResource {

    @Inject
    UploadService uploads;

    @GET
    @Transactional
    @Operation(summary = "The district's CSV uploads, newest first",
            description = "Each zip received over SFTP with its check: ACCEPTED or REJECTED, the reason, rows per file, and the "
                    + "first errors (file and line). Runs read the newest ACCEPTED upload. Paged (page from 0, size 1-100). "
                    + "Support staff and the district's admins and integrators.")
    public PageResult<UploadView> list(@PathParam("districtId") UUID districtId,
                                       @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                       @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 100, message = "must be at most 100") int size) {
        District.require(districtId);
        return uploads.page(districtId, page, size);
    }

    @GET
    @Path("/{uploadId}")
    @Transactional
    @Operation(summary = "One upload with every error that was kept",
            description = "The upload as the list shows it, but with every error that was kept in firstErrors (the list keeps "
                    + "the first 5; each names its file and line) and the count of warnings (values read leniently; their "
                    + "messages are not kept). Support staff and the district's admins and integrators; 404 when the upload is not this district's.")
    public UploadView get(@PathParam("districtId") UUID districtId, @PathParam("uploadId") UUID uploadId) {
        District.require(districtId);
        return uploads.get(districtId, uploadId);
    }
}
