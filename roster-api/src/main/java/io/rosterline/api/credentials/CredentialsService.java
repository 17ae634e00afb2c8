package io.rosterline.api.credentials;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.Problem;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.credentials.CredentialsDtos.CredentialsUpdate;
import io.rosterline.api.credentials.CredentialsDtos.CredentialsView;
import io.rosterline.api.district.District;
import io.rosterline.api.district.RosterPlatform;
import io.rosterline.api.source.AuthMethod;
import io.rosterline.api.source.ConnectionCheck;
import io.rosterline.api.source.OutboundAddressPolicy;
import io.rosterline.api.source.SourceConnection;
import io.rosterline.api.source.UnsafeAddressException;
import io.rosterline.api.source.ValidationStatus;
import io.rosterline.sis.SisException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores a district's SIS credentials. Saving is two short transactions around a live check (which may take
 * seconds and must not hold a database connection): {@link #prepare} validates the input, {@link #store} saves it with
 * the check's outcome. Invalid credentials are still saved so that an admin can fix one field at a time.
 */
@ApplicationScoped
@Transactional
public class CredentialsService {

    @Inject
    SecretBox secretBox;
    @Inject
    OutboundAddressPolicy addresses;
    @Inject
    AuditTrail audit;

    /** Validated input, with the secret to use (the new one, or the stored one when none was sent). */
    public record Prepared(SourceConnection connection, boolean newSecret, Integer storedVersion) {
    }

    public CredentialsView view(UUID districtId) {
        District district = District.require(districtId);
        return CredentialsView.of(district.platform, districtId, SisCredentials.findById(districtId));
    }

    public Prepared prepare(UUID districtId, CredentialsUpdate request) {
        District district = District.require(districtId);
        requireApiPlatform(district);
        SisCredentials stored = SisCredentials.findById(districtId);
        List<Problem.FieldError> errors = new ArrayList<>();
        URI baseUrl = url("baseUrl", request.baseUrl(), errors);
        URI tokenUrl = request.tokenUrl() == null || request.tokenUrl().isBlank() ? null : url("tokenUrl", request.tokenUrl(), errors);
        boolean powerSchool = district.platform == RosterPlatform.POWERSCHOOL;
        if (request.authMethod() == AuthMethod.OAUTH2 && tokenUrl == null && !powerSchool
                && errors.stream().noneMatch(e -> e.field().equals("tokenUrl"))) {
            errors.add(new Problem.FieldError("tokenUrl", "enter the token URL; OAuth 2 needs it"));
        }
        if (powerSchool && request.authMethod() == AuthMethod.OAUTH1) {
            errors.add(new Problem.FieldError("authMethod", "PowerSchool uses OAuth 2 only; choose OAUTH2 or DETECT "
                    + "(the token URL defaults to /oauth/access_token on the server)"));
        }
        if (district.platform == RosterPlatform.ONEROSTER_12_API && request.authMethod() == AuthMethod.OAUTH1) {
            errors.add(new Problem.FieldError("authMethod", "OneRoster 1.2 uses OAuth 2 only; choose OAUTH2 or DETECT"));
        }
        if (request.clientSecret() == null && stored == null) {
            errors.add(new Problem.FieldError("clientSecret", "enter the client secret"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Check the highlighted fields and try again.", errors);
        }
        String secret = request.clientSecret() != null ? request.clientSecret()
                : secretBox.openString(stored.sealedSecret(), SisCredentials.secretContext(districtId));
        String scope = request.scope() == null || request.scope().isBlank() ? null : request.scope().trim();
        SourceConnection connection = new SourceConnection(district.platform, baseUrl, request.clientId(), secret,
                request.authMethod(), tokenUrl, scope, request.oauth1SignatureMethod(), request.oauth2ClientAuth());
        return new Prepared(connection, request.clientSecret() != null, stored == null ? null : stored.version);
    }

    /** A URL the SIS rule allows, resolved now; a host DNS does not know is left for the live check to report. */
    private URI url(String field, String value, List<Problem.FieldError> errors) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError(field, "is not a valid address; use the form https://sis.example.org/path"));
            return null;
        }
        if (!uri.isAbsolute()) {
            errors.add(new Problem.FieldError(field, "use a full address starting with https://"));
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            errors.add(new Problem.FieldError(field, "leave out the ?query and #fragment parts"));
            return null;
        }
        try {
            addresses.check(uri);
        } catch (UnsafeAddressException e) {
            errors.add(new Problem.FieldError(field, e.getMessage()));
            return null;
        } catch (SisException.HostNotFound e) {
            // Saved anyway; the check reports it in plain words.
        }
        return uri;
    }

    public CredentialsView store(UUID districtId, Prepared prepared, ConnectionCheck check) {
        District district = District.require(districtId);
        SisCredentials credentials = SisCredentials.findById(districtId);
        CredentialsView before = CredentialsView.of(district.platform, districtId, credentials);
        if (credentials == null) {
            credentials = new SisCredentials();
            credentials.districtId = districtId;
        } else if (prepared.storedVersion() == null || credentials.version != prepared.storedVersion()) {
            throw ProblemException.conflict("Someone else changed these connection details a moment ago; reload and try again.");
        }
        SourceConnection c = prepared.connection();
        credentials.baseUrl = c.baseUrl().toString();
        credentials.clientId = c.clientId();
        credentials.authMethod = c.authMethod();
        credentials.tokenUrl = c.tokenUrl() == null ? null : c.tokenUrl().toString();
        credentials.scope = c.scope();
        credentials.oauth1SignatureMethod = c.oauth1Signature();
        credentials.oauth2ClientAuth = c.oauth2ClientAuth();
        if (prepared.newSecret()) {
            credentials.sealSecret(secretBox.seal(c.clientSecret(), SisCredentials.secretContext(districtId)));
            credentials.secretLastFour = lastFour(c.clientSecret());
        }
        applyCheck(credentials, check);
        credentials.updatedAt = Instant.now();
        credentials.persistAndFlush();
        CredentialsView after = CredentialsView.of(district.platform, districtId, credentials);
        audit.record(districtId, before.configured() ? "credentials.updated" : "credentials.created", "sis_credentials",
                districtId, before.configured() ? before : null, after);
        return after;
    }

    /** The stored connection with its secret in clear, for a re-check or a sync; 404 when none is saved. */
    public StoredConnection storedConnection(UUID districtId) {
        District district = District.require(districtId);
        requireApiPlatform(district);
        SisCredentials c = SisCredentials.findById(districtId);
        if (c == null) {
            throw ProblemException.notFound("SIS connection details for this district");
        }
        String secret = secretBox.openString(c.sealedSecret(), SisCredentials.secretContext(districtId));
        return new StoredConnection(new SourceConnection(district.platform, URI.create(c.baseUrl), c.clientId, secret,
                c.authMethod, c.tokenUrl == null ? null : URI.create(c.tokenUrl), c.scope, c.oauth1SignatureMethod,
                c.oauth2ClientAuth), c.workingMethod, c.version);
    }

    public record StoredConnection(SourceConnection connection, AuthMethod workingMethod, int version) {
    }

    /** Records a re-check, unless the credentials changed while it ran (then the newer save's own check stands). */
    public CredentialsView recordCheck(UUID districtId, int checkedVersion, ConnectionCheck check) {
        District district = District.require(districtId);
        SisCredentials credentials = SisCredentials.findById(districtId);
        if (credentials == null || credentials.version != checkedVersion) {
            return CredentialsView.of(district.platform, districtId, credentials);
        }
        CredentialsView before = CredentialsView.of(district.platform, districtId, credentials);
        applyCheck(credentials, check);
        credentials.persistAndFlush();
        CredentialsView after = CredentialsView.of(district.platform, districtId, credentials);
        audit.record(districtId, "credentials.checked", "sis_credentials", districtId, before, after);
        return after;
    }

    private static void applyCheck(SisCredentials credentials, ConnectionCheck check) {
        credentials.validationStatus = check.status();
        credentials.validationMessage = check.message();
        credentials.checkedAt = check.status() == ValidationStatus.NOT_CHECKED ? null : Instant.now();
        credentials.sisDistrictName = check.districtName();
        credentials.schoolCount = check.schoolCount();
        if (check.status() == ValidationStatus.VALID) {
            credentials.workingMethod = check.workingMethod();
        } else if (check.status() == ValidationStatus.INVALID) {
            credentials.workingMethod = null;
        }
    }

    private static void requireApiPlatform(District district) {
        if (district.platform.sendsFiles()) {
            throw new ProblemException(ProblemType.CONFLICT, district.name + " sends OneRoster CSV files over SFTP, so it has "
                    + "no SIS API credentials. Set up the SFTP account instead, or change the district's platform.");
        }
    }

    /** The last four characters, or only the last two of a short secret so that most of it stays unknown. */
    static String lastFour(String secret) {
        int shown = secret.length() > 8 ? 4 : Math.min(2, secret.length() / 2);
        return secret.substring(secret.length() - shown);
    }
}
