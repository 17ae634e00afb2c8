package io.rosterline.api.credentials;

import io.rosterline.api.credentials.CredentialsDtos.CredentialsUpdate;
import io.rosterline.api.credentials.CredentialsDtos.CredentialsView;
import io.rosterline.api.security.Roles;
import io.rosterline.api.source.ConnectionCheck;
import io.rosterline.api.source.SisGateway;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SIS credentials", description = "How Rosterline reaches the district's student information system.")
@Blocking
public class CredentialsResource {

    @Inject
    CredentialsService credentials;
    @Inject
    SisGateway gateway;
    @Inject
    ValidationRateLimiter rateLimiter;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The SIS connection details and the last check",
            description = "The stored base URL, client id, auth method and the outcome of the last live check. The secret is "
                    + "never returned: secretSet says whether one is stored, secretLastFour helps recognise it. Support staff and "
                    + "the district's admins and integrators; configured=false before anything is saved.")
    public CredentialsView get(@PathParam("districtId") UUID districtId) {
        return credentials.view(districtId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Save the SIS connection details and check them live",
            description = "Saves and immediately calls the SIS. Invalid details are saved too (status INVALID with the reason), "
                    + "so one field can be fixed at a time. Leave clientSecret out to keep the stored secret. "
                    + "Support staff and the district's admins. 400 names the field (an address that is not https or leads to "
                    + "a private or internal address is refused before any call); 429 beyond a few checks per minute per district.")
    public CredentialsView put(@PathParam("districtId") UUID districtId,
                               @Valid @NotNull(message = "send the connection details") CredentialsUpdate request) {
        CredentialsService.Prepared prepared = credentials.prepare(districtId, request);
        rateLimiter.acquire(districtId);
        ConnectionCheck check = gateway.check(prepared.connection());
        return credentials.store(districtId, prepared, check);
    }

    @POST
    @Path("/validate")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Check the stored SIS connection again",
            description = "Calls the SIS with the stored details and records the outcome: VALID with the SIS's district name "
                    + "and school count, or INVALID with a plain reason (host not found, TLS, refused credentials, not OneRoster). "
                    + "Support staff and the district's admins; 404 when nothing is stored yet, 429 beyond a few checks per minute.")
    public CredentialsView validate(@PathParam("districtId") UUID districtId) {
        CredentialsService.StoredConnection stored = credentials.storedConnection(districtId);
        rateLimiter.acquire(districtId);
        ConnectionCheck check = gateway.check(stored.connection());
        return credentials.recordCheck(districtId, stored.version(), check);
    }
}
