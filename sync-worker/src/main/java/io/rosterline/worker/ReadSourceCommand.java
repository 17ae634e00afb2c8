package io.rosterline.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SisException;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.model.RosterCollection;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Reads a whole roster from a source and prints what was read as one JSON object on stdout:
 * {"kind":..., "complete":true, "counts":{orgs,...}, "warnings":{"count":n,"byKind":{},"first":[...]}, "errors":[...]}.
 * Records are counted and dropped as they stream by; nothing is stored. Used to check a district's connection.
 */
@CommandLine.Command(name = "read-source", mixinStandardHelpOptions = true,
        description = "Read a SIS source completely and print counts, warnings and errors as JSON")
public class ReadSourceCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--kind", required = true,
            description = "oneroster-rest | oneroster-csv | oneroster12-rest | oneroster12-csv | powerschool")
    String kind;

    @CommandLine.Option(names = "--base-url", description = "REST base URL as the district gives it")
    URI baseUrl;

    @CommandLine.Option(names = "--client-id")
    String clientId;

    @CommandLine.Option(names = "--client-secret", description = "or set ROSTERLINE_CLIENT_SECRET",
            defaultValue = "${env:ROSTERLINE_CLIENT_SECRET}")
    String clientSecret;

    @CommandLine.Option(names = "--auth", defaultValue = "oauth1", description = "oauth1 | oauth2 (OneRoster 1.1 REST)")
    String auth;

    @CommandLine.Option(names = "--token-url", description = "OAuth 2 token URL")
    URI tokenUrl;

    @CommandLine.Option(names = "--scope", description = "OAuth 2 scope (default: OneRoster roster-core.readonly)")
    String scope;

    @CommandLine.Option(names = "--file", description = "OneRoster CSV zip or folder")
    Path file;

    @CommandLine.Option(names = "--since", description = "ISO timestamp: read only records changed after it")
    String since;

    @CommandLine.Option(names = "--page-size", defaultValue = "1000")
    int pageSize;

    @CommandLine.Option(names = "--oauth1-signature", defaultValue = "hmac-sha256",
            description = "hmac-sha256 | hmac-sha1 (OAuth 1.0a; some older servers sign with SHA-1)")
    String oauth1Signature;

    @CommandLine.Option(names = "--oauth2-client-auth", defaultValue = "basic",
            description = "basic | form: client id and secret in a Basic header or in the token request's form body")
    String oauth2ClientAuth;

    @CommandLine.Option(names = "--retries", defaultValue = "6",
            description = "retries of a failed request (429, 5xx, timeouts, refused connections) before giving up")
    int retries;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceKind sourceKind;
        Instant sinceInstant;
        OAuth1Signer.Method signature;
        OAuth2ClientCredentials.ClientAuth clientAuth;
        try {
            sourceKind = SourceKind.fromId(kind);
            sinceInstant = since == null ? null : Instant.parse(since);
            if (!kind.endsWith("csv") && baseUrl == null) {
                throw new IllegalArgumentException("--base-url is required for " + kind);
            }
            if (kind.endsWith("csv") && file == null) {
                throw new IllegalArgumentException("--file is required for " + kind);
            }
            if (!"oauth1".equalsIgnoreCase(auth) && !"oauth2".equalsIgnoreCase(auth)) {
                throw new IllegalArgumentException("--auth must be oauth1 or oauth2");
            }
            signature = SourceConfig.signatureMethod(oauth1Signature);
            clientAuth = SourceConfig.clientAuth(oauth2ClientAuth);
            if (retries < 0) {
                throw new IllegalArgumentException("--retries must be 0 or more");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return fail(out, err, kind, "usage", e.getMessage(), ExitCodes.USAGE, null);
        }
        HttpSettings http = HttpSettings.defaults();
        http = http.withRetry(http.retry().withMaxRetries(retries));
        SourceConfig config = new SourceConfig(sourceKind, baseUrl, clientId, clientSecret, auth, tokenUrl, scope, file,
                pageSize, http, signature, clientAuth);
        ReadReport report = new ReadReport();
        try (RosterReader reader = RosterReaders.open(config)) {
            for (RosterCollection c : RosterCollection.values()) {
                reader.read(c, sinceInstant, record -> { }, report);
            }
        } catch (SisException e) {
            return fail(out, err, kind, e.kind().name().toLowerCase(), e.getMessage(), ExitCodes.of(e.kind()), report);
        } catch (IllegalArgumentException e) {
            return fail(out, err, kind, "usage", e.getMessage(), ExitCodes.USAGE, report);
        }
        boolean complete = !report.hasErrors();
        out.println(json(kind, complete, report, null));
        out.flush();
        if (!complete) {
            err.println("The source was read, but " + report.errorCount() + " record(s) could not be used; see errors.");
            return ExitCodes.INVALID_DATA;
        }
        return ExitCodes.OK;
    }

    private static int fail(PrintWriter out, PrintWriter err, String kind, String failure, String message, int code,
                            ReadReport report) {
        ReadReport r = report == null ? new ReadReport() : report;
        r.error(message);
        ObjectNode json = json(kind, false, r, failure);
        out.println(json);
        out.flush();
        err.println(message);
        return code;
    }

    static ObjectNode json(String kind, boolean complete, ReadReport report, String failure) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind);
        root.put("complete", complete);
        if (failure != null) {
            root.put("failure", failure);
        }
        ObjectNode counts = root.putObject("counts");
        for (Map.Entry<RosterCollection, Long> e : report.counts().entrySet()) {
            counts.put(e.getKey().oneRosterName(), e.getValue());
        }
        ObjectNode warnings = root.putObject("warnings");
        warnings.put("count", report.warningCount());
        ObjectNode byKind = warnings.putObject("byKind");
        report.warningsByKind().forEach((k, v) -> byKind.put(k.name(), v));
        ArrayNode first = warnings.putArray("first");
        report.firstWarnings().forEach(w -> first.add(w.toString()));
        ArrayNode errors = root.putArray("errors");
        report.errors().forEach(errors::add);
        root.put("errorCount", report.errorCount());
        return root;
    }
}
