package io.rosterline.api.licensing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sticky licenses and the district's SSO format rule. */
public final class StickyDtos {

    private StickyDtos() {
    }

    @Schema(name = "AccountSummary", example = """
            {"id":"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b","sourcedId":"t-1001","givenName":"Maria","familyName":"Lopez",
             "email":"mlopez@harbor.k12.ca.us","login":"mlopez","role":"TEACHER","origin":"ROSTERED"}""")
    public record AccountSummary(UUID id, String sourcedId, String givenName, String familyName, String email, String login,
                                 String role, String origin) {
    }

    @Schema(name = "NewAccount", description = "A person who is not in the roster, entered by hand. email and login must follow "
            + "the district's SSO format.", example = """
            {"givenName":"Dana","familyName":"Reyes","email":"dreyes@harbor.k12.ca.us","login":"dreyes"}""")
    public record NewAccount(
            @NotBlank(message = "enter the first name") @Size(max = 100, message = "keep it under 100 characters") String givenName,
            @NotBlank(message = "enter the last name") @Size(max = 100, message = "keep it under 100 characters") String familyName,
            @NotBlank(message = "enter the email address") @Email(message = "enter an email address such as name@district.org")
            @Size(max = 254, message = "keep it under 254 characters") String email,
            @NotBlank(message = "enter the sign-in name") @Size(max = 100, message = "keep it under 100 characters") String login) {
    }

    @Schema(name = "StickyLicenseCreate", description = """
            Licenses that stay with a person whatever the roster says. Pick a rostered teacher (accountId) or enter an account;
            productIds defaults to the teacher-edition products with a pool covering today.""", example = """
            {"accountId":"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b","productIds":["5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f"],
             "note":"Instructional coach, all Algebra classes"}""")
    public record StickyCreate(
            UUID accountId,
            @Valid NewAccount account,
            @Size(max = 20, message = "at most 20 products at once") List<UUID> productIds,
            @Size(max = 500, message = "keep the note under 500 characters") String note) {
    }

    @Schema(name = "StickyLicense", example = """
            {"id":17,"account":{"id":"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b","sourcedId":"t-1001","givenName":"Maria","familyName":"Lopez",
             "email":"mlopez@harbor.k12.ca.us","login":"mlopez","role":"TEACHER","origin":"ROSTERED"},
             "productId":"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f","productTitle":"Algebra I Teacher Edition","edition":"TEACHER",
             "poolId":"7a1e0c2b-9d3f-4b6a-8c5d-1e2f3a4b5c6d","note":"Instructional coach","assignedAt":"2026-11-23T18:00:00Z",
             "assignedBy":"harbor-admin"}""")
    public record StickyView(long id, AccountSummary account, UUID productId, String productTitle, LicensingDtos.Edition edition,
                             UUID poolId, String note, Instant assignedAt, String assignedBy) {
    }

    @Schema(name = "SsoFormat", description = """
            How the district's single sign-on names people: the email domain (emails must end in @domain) and a regular
            expression every login must match. Either may be null (not checked).""",
            example = "{\"emailDomain\":\"harbor.k12.ca.us\",\"loginPattern\":\"[a-z]+[0-9]*\"}")
    public record SsoFormat(
            @Size(max = 253, message = "keep the domain under 253 characters")
            @Pattern(regexp = "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}", message = "enter a domain such as harbor.k12.ca.us, without @")
            String emailDomain,
            @Size(max = 200, message = "keep the pattern under 200 characters") String loginPattern) {
    }
}
