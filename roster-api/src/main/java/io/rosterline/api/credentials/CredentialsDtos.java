package io.rosterline.api.credentials;

import io.rosterline.api.district.RosterPlatform;
import io.rosterline.api.source.AuthMethod;
import io.rosterline.api.source.ValidationStatus;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The SIS credentials resource as the API shows and accepts it. The secret is write-only. */
public final class CredentialsDtos {

    private CredentialsDtos() {
    }

    @Schema(name = "SisCredentialsUpdate", description = "The SIS API connection. clientSecret is write-only: leave it out to "
            + "keep the stored one. OAUTH2 needs tokenUrl; DETECT tries OAuth 2 (when tokenUrl is given), then OAuth 1.0a. "
            + "oauth1SignatureMethod (default HMAC_SHA256; HMAC_SHA1 for vendors that sign that way) and oauth2ClientAuth "
            + "(default BASIC_HEADER; FORM_BODY sends the client id and secret in the token request's form) are for SIS "
            + "vendors that differ from the defaults.",
            example = """
                    {"baseUrl":"https://sis.harbor.k12.ca.us/ims/oneroster/v1p1","clientId":"rosterline",
                     "clientSecret":"s3cr3t-from-the-sis","authMethod":"OAUTH2",
                     "tokenUrl":"https://sis.harbor.k12.ca.us/oauth/token","scope":null,
                     "oauth1SignatureMethod":"HMAC_SHA256","oauth2ClientAuth":"BASIC_HEADER"}""")
    public record CredentialsUpdate(
            @NotBlank(message = "enter the SIS base URL, for example https://sis.example.org/ims/oneroster/v1p1")
            @Size(max = 2048, message = "must be at most 2048 characters") String baseUrl,
            @NotBlank(message = "enter the client id (some SIS call it the key)")
            @Size(max = 500, message = "must be at most 500 characters")
            @Pattern(regexp = "\\S(.*\\S)?", message = "remove the spaces at the start or end") String clientId,
            @Size(min = 1, max = 2000, message = "must be between 1 and 2000 characters")
            @Pattern(regexp = "\\S(.*\\S)?", message = "remove the spaces at the start or end") String clientSecret,
            @NotNull(message = "choose OAUTH1, OAUTH2 or DETECT") AuthMethod authMethod,
            @Size(max = 2048, message = "must be at most 2048 characters") String tokenUrl,
            @Size(max = 1000, message = "must be at most 1000 characters") String scope,
            OAuth1Signer.Method oauth1SignatureMethod,
            OAuth2ClientCredentials.ClientAuth oauth2ClientAuth) {

        @Override
        public String toString() {
            return "CredentialsUpdate[" + baseUrl + ", " + clientId + ", " + authMethod + "]";
        }
    }

    @Schema(name = "SisCredentialsValidation", description = "The outcome of the last live check.")
    public record ValidationView(ValidationStatus status, String message, Instant checkedAt, String districtName,
                                 Integer schoolCount) {
    }

    @Schema(name = "SisCredentials", description = "How Rosterline reaches the district's SIS. The secret is never returned.",
            example = """
                    {"districtId":"d1000000-0000-4000-8000-000000000001","platform":"ONEROSTER_API","configured":true,
                     "baseUrl":"https://sis.harbor.k12.ca.us/ims/oneroster/v1p1","clientId":"rosterline","secretSet":true,
                     "secretLastFour":"SdFg","authMethod":"DETECT","workingMethod":"OAUTH2",
                     "tokenUrl":"https://sis.harbor.k12.ca.us/oauth/token","scope":null,
                     "oauth1SignatureMethod":"HMAC_SHA256","oauth2ClientAuth":"BASIC_HEADER",
                     "validation":{"status":"VALID","message":"Harbor Unified, 42 schools","checkedAt":"2026-11-23T18:00:00Z",
                                   "districtName":"Harbor Unified","schoolCount":42},
                     "updatedAt":"2026-11-23T18:00:00Z"}""")
    public record CredentialsView(UUID districtId, RosterPlatform platform, boolean configured, String baseUrl,
                                  String clientId, boolean secretSet, String secretLastFour, AuthMethod authMethod,
                                  AuthMethod workingMethod, String tokenUrl, String scope,
                                  OAuth1Signer.Method oauth1SignatureMethod, OAuth2ClientCredentials.ClientAuth oauth2ClientAuth,
                                  ValidationView validation, Instant updatedAt) {

        static CredentialsView of(RosterPlatform platform, UUID districtId, SisCredentials c) {
            if (c == null) {
                return new CredentialsView(districtId, platform, false, null, null, false, null, null, null, null, null,
                        null, null, new ValidationView(ValidationStatus.NOT_CHECKED, "No connection details saved yet.", null, null, null),
                        null);
            }
            return new CredentialsView(districtId, platform, true, c.baseUrl, c.clientId, c.secretCiphertext != null,
                    c.secretLastFour, c.authMethod, c.workingMethod, c.tokenUrl, c.scope, c.oauth1SignatureMethod,
                    c.oauth2ClientAuth, new ValidationView(c.validationStatus, c.validationMessage, c.checkedAt, c.sisDistrictName, c.schoolCount),
                    c.updatedAt);
        }
    }
}
