package io.rosterline.api.source;

import io.rosterline.api.credentials.CredentialsConfig;
import io.rosterline.api.district.RosterPlatform;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.SisException;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.RetryPolicy;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterCollection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place roster-api talks to the sis-connectors library: live credential checks and readers for the sync.
 * Every outbound URL passes the {@link OutboundAddressPolicy} first.
 */
@ApplicationScoped
public class SisGateway {

    private static final Logger LOG = Logger.getLogger(SisGateway.class);
    private static final int CHECK_PAGE_SIZE = 100;

    @Inject
    OutboundAddressPolicy addresses;
    @Inject
    CredentialsConfig config;

    /** Whether a live check exists for this platform: every SIS API; CSV districts are checked per upload instead. */
    public static boolean checksLive(RosterPlatform platform) {
        return !platform.sendsFiles();
    }

    /** PowerSchool's token endpoint is /oauth/access_token on the server unless the admin entered another. */
    static URI tokenUrl(SourceConnection connection) {
        if (connection.tokenUrl() == null && connection.platform() == RosterPlatform.POWERSCHOOL) {
            return connection.baseUrl().resolve("/oauth/access_token");
        }
        return connection.tokenUrl();
    }

    /**
     * Calls the SIS with these credentials and reports what it found, or a plain reason why it could not. Never
     * throws for SIS failures; an {@link UnsafeAddressException} is reported as INVALID too.
     */
    public ConnectionCheck check(SourceConnection connection) {
        if (!checksLive(connection.platform())) {
            return ConnectionCheck.notChecked("Saved. Rosterline cannot test " + label(connection.platform())
                    + " connections live yet; the first import will show whether they work.");
        }
        URI tokenUrl = tokenUrl(connection);
        try {
            addresses.check(connection.baseUrl());
            if (tokenUrl != null) {
                addresses.check(tokenUrl);
            }
            addresses.checkRedirects(connection.baseUrl());
            if (tokenUrl != null) {
                addresses.checkRedirects(tokenUrl);
            }
        } catch (UnsafeAddressException e) {
            return ConnectionCheck.invalid("Rosterline will not connect there: " + e.getMessage() + ".");
        } catch (SisException e) {
            return ConnectionCheck.invalid(e.getMessage());
        }
        if (connection.platform() == RosterPlatform.POWERSCHOOL) {
            // PowerSchool plugins use OAuth 2 client credentials only.
            return attempt(connection, AuthMethod.OAUTH2).check();
        }
        return switch (connection.authMethod()) {
            case OAUTH1 -> attempt(connection, AuthMethod.OAUTH1).check();
            case OAUTH2 -> attempt(connection, AuthMethod.OAUTH2).check();
            case DETECT -> detect(connection);
        };
    }

    private ConnectionCheck detect(SourceConnection connection) {
        Attempt oauth2 = null;
        if (connection.tokenUrl() != null) {
            oauth2 = attempt(connection, AuthMethod.OAUTH2);
            if (oauth2.check().status() == ValidationStatus.VALID || !oauth2.worthTryingOtherMethod()) {
                return oauth2.check();
            }
        }
        if (connection.platform() == RosterPlatform.ONEROSTER_12_API) {
            return oauth2 != null ? oauth2.check() : ConnectionCheck.invalid("OneRoster 1.2 uses OAuth 2: enter the token URL.");
        }
        Attempt oauth1 = attempt(connection, AuthMethod.OAUTH1);
        if (oauth1.check().status() == ValidationStatus.VALID || oauth2 == null) {
            return oauth1.check();
        }
        return ConnectionCheck.invalid("Neither OAuth 2 nor OAuth 1.0a worked. With OAuth 2: " + oauth2.check().message()
                + " With OAuth 1.0a: " + oauth1.check().message());
    }

    /** One method tried: the outcome, and for a failure what kind it was. */
    private record Attempt(ConnectionCheck check, SisException.Kind failure) {
        /** Auth failures and wrong token URLs may just mean "the other method"; a host that is down will not change. */
        boolean worthTryingOtherMethod() {
            return failure == null || switch (failure) {
                case HOST_NOT_FOUND, UNREACHABLE, TLS_FAILURE, UNAVAILABLE -> false;
                default -> true;
            };
        }
    }

    private Attempt attempt(SourceConnection connection, AuthMethod method) {
        AtomicInteger schools = new AtomicInteger();
        AtomicReference<String> districtName = new AtomicReference<>();
        try (RosterReader reader = reader(connection, method, checkSettings())) {
            reader.read(RosterCollection.ORGS, null, record -> {
                Org org = (Org) record;
                if (org.isSchool()) {
                    schools.incrementAndGet();
                } else if ("district".equals(org.type()) && districtName.get() == null) {
                    districtName.set(org.name());
                }
            }, new ReadReport());
        } catch (SisException e) {
            LOG.infof("SIS check of %s with %s failed: %s", connection.baseUrl().getHost(), method, e.kind());
            return new Attempt(ConnectionCheck.invalid(e.getMessage()), e.kind());
        } catch (IllegalArgumentException e) {
            return new Attempt(ConnectionCheck.invalid(e.getMessage()), null);
        }
        String name = districtName.get() != null ? districtName.get()
                : connection.platform() == RosterPlatform.POWERSCHOOL ? "PowerSchool" : null;
        String found = (name == null ? "" : name + ", ") + schools.get() + (schools.get() == 1 ? " school" : " schools");
        return new Attempt(new ConnectionCheck(ValidationStatus.VALID, found, method, districtName.get(), schools.get()), null);
    }

    /** A reader for a sync, with the method the last check found working (DETECT without one tries OAuth 2). */
    public RosterReader open(SourceConnection connection, AuthMethod workingMethod) {
        addresses.check(connection.baseUrl());
        if (tokenUrl(connection) != null) {
            addresses.check(tokenUrl(connection));
        }
        AuthMethod method = connection.platform() == RosterPlatform.POWERSCHOOL ? AuthMethod.OAUTH2
                : workingMethod != null ? workingMethod
                : connection.authMethod() == AuthMethod.DETECT ? (connection.tokenUrl() != null ? AuthMethod.OAUTH2 : AuthMethod.OAUTH1)
                : connection.authMethod();
        return reader(connection, method, HttpSettings.defaults());
    }

    private HttpSettings checkSettings() {
        Duration timeout = config.checkTimeout();
        // An admin is waiting: no retries, short timeouts.
        return new HttpSettings(timeout, timeout, RetryPolicy.defaults().withMaxRetries(0));
    }

    /** A reader of a OneRoster CSV zip on local disk (a spooled upload). */
    public RosterReader openCsv(Path zip) {
        return OneRosterCsvReader.open(zip);
    }

    private static RosterReader reader(SourceConnection connection, AuthMethod method, HttpSettings settings) {
        SourceKind kind = switch (connection.platform()) {
            case POWERSCHOOL -> SourceKind.POWERSCHOOL;
            case ONEROSTER_12_API -> SourceKind.ONEROSTER12_REST;
            default -> SourceKind.ONEROSTER_REST;
        };
        if (method == AuthMethod.OAUTH2 && connection.tokenUrl() == null && kind != SourceKind.POWERSCHOOL) {
            throw new IllegalArgumentException("OAuth 2 needs a token URL.");
        }
        if (method == AuthMethod.OAUTH1 && kind == SourceKind.ONEROSTER12_REST) {
            throw new IllegalArgumentException("OneRoster 1.2 uses OAuth 2 only; choose OAuth 2 and enter the token URL.");
        }
        return RosterReaders.open(new SourceConfig(kind, connection.baseUrl(), connection.clientId(), connection.clientSecret(),
                method == AuthMethod.OAUTH2 ? "oauth2" : "oauth1", tokenUrl(connection), connection.scope(), null,
                CHECK_PAGE_SIZE, settings, connection.oauth1Signature(), connection.oauth2ClientAuth()));
    }

    /** Reads a whole OneRoster CSV zip (streaming, nothing kept) and reports what is in it. */
    public CsvCheck checkCsvZip(Path zip) {
        ReadReport report = new ReadReport();
        String version;
        try (OneRosterCsvReader reader = OneRosterCsvReader.open(zip)) {
            version = reader.version() == OneRosterCsvReader.Version.V1P2 ? "1.2" : "1.1";
            for (RosterCollection collection : RosterCollection.values()) {
                reader.read(collection, null, record -> { }, report);
            }
        } catch (SisException e) {
            return new CsvCheck(false, e.getMessage(), null, Map.of(), report.errorCount(), report.errors(),
                    report.warningCount(), List.of());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        report.counts().forEach((collection, n) -> counts.put(collection.oneRosterName(), n));
        return new CsvCheck(true, null, version, counts, report.errorCount(), report.errors(), report.warningCount(),
                report.firstWarnings().stream().map(ReadReport.Warning::toString).toList());
    }

    static String label(RosterPlatform platform) {
        return switch (platform) {
            case POWERSCHOOL -> "PowerSchool";
            case ONEROSTER_12_API -> "OneRoster 1.2";
            case ONEROSTER_API -> "OneRoster 1.1";
            case ONEROSTER_CSV, ONEROSTER_12_CSV -> "OneRoster CSV";
        };
    }
}
