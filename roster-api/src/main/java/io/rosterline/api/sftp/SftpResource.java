package io.rosterline.api.sftp;

import io.rosterline.api.security.Roles;
import io.rosterline.api.sftp.SftpDtos.AccountUpdate;
import io.rosterline.api.sftp.SftpDtos.AccountView;
import io.rosterline.api.sftp.SftpDtos.KeyAdd;
import io.rosterline.api.sftp.SftpDtos.KeyView;
import io.rosterline.api.sftp.SftpDtos.PasswordChange;
import io.rosterline.api.sftp.SftpDtos.PasswordResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}/sftp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SFTP", description = "The district's SFTP account for OneRoster CSV uploads.")
public class SftpResource {

    @Inject
    SftpAccountService accounts;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The SFTP account: host, port, user name, whether a password is set, SSH keys",
            description = "Where the district's SIS export job uploads OneRoster CSV zips. The password is never returned "
                    + "(passwordSet says whether one is set); hostKeyFingerprint lets the district verify the server on first "
                    + "connect. configured=false until the account is created. Support staff and the district's admins and integrators.")
    public AccountView get(@PathParam("districtId") UUID districtId) {
        return accounts.view(districtId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Create the SFTP account or turn logins on and off",
            description = "Creates the account with a user name derived from the district's name on first use; enabled=false "
                    + "stops every login at once (passwords and keys are kept). Audited. Support staff and the district's "
                    + "admins; 400 when enabled is missing.")
    public AccountView put(@PathParam("districtId") UUID districtId,
                           @Valid @NotNull(message = "send {\"enabled\": true} or false") AccountUpdate request) {
        return accounts.update(districtId, request.enabled());
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Set the SFTP password, or generate one (shown once)",
            description = "Send a password of 12 to 128 characters, or none to have a strong one generated and returned in this "
                    + "response only. Only a salted hash is stored; the old password stops working at once. Support staff and "
                    + "the district's admins; 400 for a password outside 12-128 characters.")
    public PasswordResult password(@PathParam("districtId") UUID districtId, @Valid PasswordChange request) {
        return accounts.setPassword(districtId, request == null ? null : request.password());
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Add an SSH public key that may log in",
            description = "One line of authorized_keys (ssh-ed25519, ecdsa-sha2-nistp256, or ssh-rsa of at least 2048 bits); "
                    + "answers 201 with the key's id and fingerprint. Support staff and the district's admins; 400 for "
                    + "something that is not an accepted public key, 409 when the key is already on the account.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The key was added",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = KeyView.class)))
    public Response addKey(@PathParam("districtId") UUID districtId,
                           @Valid @NotNull(message = "send {\"publicKey\": \"ssh-ed25519 AAAA...\"}") KeyAdd request) {
        KeyView key = accounts.addKey(districtId, request.publicKey());
        return Response.status(Response.Status.CREATED).entity(key).build();
    }

    @DELETE
    @Path("/keys/{keyId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Remove an SSH public key",
            description = "The key can no longer log in, from the next login on. Answers 204 No Content. Support staff and the "
                    + "district's admins; 404 when the key is not on this district's account.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Removed")
    public Response removeKey(@PathParam("districtId") UUID districtId, @PathParam("keyId") UUID keyId) {
        accounts.removeKey(districtId, keyId);
        return Response.noContent().build();
    }
}
