package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rosterline.sandbox.Http.HttpError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox SIS: an embedded HTTP server over a deterministic synthetic district.
 *
 * <pre>{@code
 * try (SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(2000))) {
 *     String base = sis.oneRoster11Url();          // http://127.0.0.1:<port>/ims/oneroster/v1p1
 *     sis.faults().http429Burst.set(3);           // next three data requests answer 429
 *     sis.roster().dropStudents(5, null);         // 5 % of students become tobedeleted
 *     Summary expected = sis.expectedSummary();   // counts a correct sync must reach
 * }
 * }</pre>
 */
public final class SandboxSis implements AutoCloseable {

    static {
        // The JDK server leaves Nagle's algorithm on: the last small segment of every response then waits for the
        // client's delayed ACK (tens of ms per page on loopback), so a paging client idles most of the time. Real SIS
        // servers answer without that stall. Read once by the JDK when the first server starts; a value set on the
        // command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Start-up settings; every field has a default (see {@link #defaults()}). */
    public record Config(String host, int port, long seed, int students, String domain, int schoolYear,
                         Instant baseModified, String clientId, String clientSecret, int threads) {

        public static Config defaults() {
            return new Config("127.0.0.1", 0, 42, 2000, "sandbox.k12.example", 2027,
                    Instant.parse("2026-08-01T00:00:00Z"), "sandbox-client", "sandbox-secret", 8);
        }

        public Config host(String v) {
            return new Config(v, port, seed, students, domain, schoolYear, baseModified, clientId, clientSecret, threads);
        }

        public Config port(int v) {
            return new Config(host, v, seed, students, domain, schoolYear, baseModified, clientId, clientSecret, threads);
        }

        public Config seed(long v) {
            return new Config(host, port, v, students, domain, schoolYear, baseModified, clientId, clientSecret, threads);
        }

        public Config students(int v) {
            return new Config(host, port, seed, v, domain, schoolYear, baseModified, clientId, clientSecret, threads);
        }

        public Config domain(String v) {
            return new Config(host, port, seed, students, v, schoolYear, baseModified, clientId, clientSecret, threads);
        }

        public Config schoolYear(int v) {
            return new Config(host, port, seed, students, domain, v, baseModified, clientId, clientSecret, threads);
        }

        public Config baseModified(Instant v) {
            return new Config(host, port, seed, students, domain, schoolYear, v, clientId, clientSecret, threads);
        }

        public Config credentials(String id, String secret) {
            return new Config(host, port, seed, students, domain, schoolYear, baseModified, id, secret, threads);
        }

        public Config threads(int v) {
            return new Config(host, port, seed, students, domain, schoolYear, baseModified, clientId, clientSecret, v);
        }
    }

    private final Config config;
    private final Roster roster;
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final Lister lister = new Lister();
    private final Auth auth;
    private final OneRosterApi oneRoster;
    private final PowerSchoolApi powerSchool;
    private final CsvExport csv;
    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxSis(Config config) throws IOException {
        this.config = config;
        this.roster = new Roster(new District(config.seed(), config.students(), config.domain(), config.schoolYear(),
                config.baseModified()));
        this.auth = new Auth(config.clientId(), config.clientSecret());
        this.oneRoster = new OneRosterApi(roster, faults, lister);
        this.powerSchool = new PowerSchoolApi(roster, faults, lister, oneRoster);
        this.csv = new CsvExport(roster, oneRoster, faults);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, config.threads()), r -> {
            Thread t = new Thread(r, "sis-sandbox-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a sandbox (port 0 picks a free port). */
    public static SandboxSis start(Config config) {
        try {
            return new SandboxSis(config);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the sandbox SIS on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public static SandboxSis start(int students, long seed) {
        return start(Config.defaults().students(students).seed(seed));
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** e.g. http://127.0.0.1:43123 */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    public String oneRoster11Url() {
        return baseUrl() + OneRosterApi.V1P1;
    }

    public String oneRoster12Url() {
        return baseUrl() + OneRosterApi.V1P2;
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    public Config config() {
        return config;
    }

    public String clientId() {
        return auth.clientId;
    }

    public String clientSecret() {
        return auth.clientSecret;
    }

    public Faults faults() {
        return faults;
    }

    /** The live roster: call its mutation methods (dropStudents, moveEnrollments, addStudents, dropSchool). */
    public Roster roster() {
        return roster;
    }

    public Stats stats() {
        return stats;
    }

    public Summary expectedSummary() {
        return Summary.of(roster, oneRoster);
    }

    /** The current roster as the generator holds it (mutations applied), for tests; see {@link Truth}. */
    public Truth truth() {
        return Truth.of(roster);
    }

    /** Back to the generated district, no faults, fresh counters. */
    public void reset() {
        roster.reset();
        faults.clear();
        stats.clear();
        lister.clear();
    }

    /** Writes the OneRoster 1.1 (or 1.2) bulk CSV zip of the current roster to a file. */
    public void writeCsvZip(java.nio.file.Path file, boolean v12) throws IOException {
        try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
            csv.write(out, v12);
        }
    }

    // =====================================================================================
    // Routing
    // =====================================================================================

    private void handle(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String group = group(path);
        stats.count("requests.total");
        stats.count("group." + group);
        stats.count("endpoint." + ex.getRequestMethod() + " " + Stats.template(path));
        try {
            switch (group) {
                case "oauth" -> token(ex);
                case "oneroster-v1p1" -> {
                    requireOneRosterAuth(ex, true);
                    Faults.Decision fault = fault(ex);
                    if (fault != null) {
                        oneRoster.handle(ex, OneRosterApi.V1P1, path.substring(OneRosterApi.V1P1.length()), false, fault);
                    }
                }
                case "oneroster-v1p2" -> {
                    requireOneRosterAuth(ex, false);
                    Faults.Decision fault = fault(ex);
                    if (fault != null) {
                        oneRoster.handle(ex, OneRosterApi.V1P2, path.substring(OneRosterApi.V1P2.length()), true, fault);
                    }
                }
                case "csv" -> {
                    Faults.Decision fault = fault(ex);
                    if (fault != null) {
                        csv.handle(ex, path, fault);
                    }
                }
                case "powerschool-oauth" -> powerSchoolToken(ex);
                case "powerschool" -> {
                    String why = auth.checkBearer(ex, Auth.Audience.POWERSCHOOL);
                    if (why != null) {
                        throw new HttpError(401, "unauthorisedrequest", "PowerSchool API needs a bearer token from "
                                + "/oauth/access_token: " + why);
                    }
                    Faults.Decision fault = fault(ex);
                    if (fault != null) {
                        powerSchool.handle(ex, path, fault);
                    }
                }
                case "admin" -> admin(ex, path);
                default -> throw new HttpError(404, "unknownobject", "no endpoint at " + path);
            }
        } catch (Http.ConnectionCut e) {
            throw e;
        } catch (HttpError e) {
            stats.count("status." + e.status);
            try {
                if (e.status == 401) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sis-sandbox\"");
                }
                Http.imsx(ex, e.status, e.codeMinor, e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                ex.close();
            }
            return;
        } catch (IOException e) {
            // client went away mid-response
            ex.close();
            return;
        } catch (RuntimeException e) {
            stats.count("status.500");
            try {
                Http.imsx(ex, 500, "internal_server_error", "sandbox error: " + e);
            } catch (IOException | RuntimeException ignored) {
                ex.close();
            }
            return;
        }
        stats.count("status." + (ex.getResponseCode() > 0 ? ex.getResponseCode() : 200));
    }

    private static String group(String path) {
        if (path.equals("/oauth/token")) {
            return "oauth";
        }
        if (path.equals("/oauth/access_token")) {
            return "powerschool-oauth";
        }
        if (path.equals(OneRosterApi.V1P1) || path.startsWith(OneRosterApi.V1P1 + "/")) {
            return "oneroster-v1p1";
        }
        if (path.equals(OneRosterApi.V1P2) || path.startsWith(OneRosterApi.V1P2 + "/")) {
            return "oneroster-v1p2";
        }
        if (path.startsWith("/csv/")) {
            return "csv";
        }
        if (path.startsWith("/ws/v1/")) {
            return "powerschool";
        }
        if (path.startsWith("/admin/")) {
            return "admin";
        }
        return "other";
    }

    /** Applies the fault switches; answers and returns null when the request was failed on purpose. */
    private Faults.Decision fault(HttpExchange ex) throws IOException {
        Faults.Decision decision = faults.decide();
        if (decision.status() != 0) {
            stats.count("fault." + decision.status());
            stats.count("status." + decision.status());
            ex.getResponseHeaders().set("Retry-After", Integer.toString(faults.retryAfterSeconds));
            Http.imsx(ex, decision.status(), "server_busy", decision.status() == 429
                    ? "too many requests (sandbox fault switch); retry after " + faults.retryAfterSeconds + " s"
                    : "service unavailable (sandbox fault switch)");
            return null;
        }
        int delay = faults.delayMs;
        if (delay > 0) {
            stats.count("fault.delay");
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (decision.reset()) {
            stats.count("fault.reset");
        }
        if (decision.shortPage()) {
            stats.count("fault.shortPage");
        }
        return decision;
    }

    private void requireOneRosterAuth(HttpExchange ex, boolean allowOAuth1) throws IOException {
        String why;
        if (Auth.isOAuth1(ex)) {
            if (!allowOAuth1) {
                throw new HttpError(401, "unauthorisedrequest", "OneRoster 1.2 accepts only OAuth 2 bearer tokens");
            }
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            byte[] form = type != null && type.startsWith("application/x-www-form-urlencoded") ? Http.readBody(ex) : null;
            why = auth.checkOAuth1(ex, form);
            stats.count(why == null ? "auth.oauth1.ok" : "auth.oauth1.rejected");
        } else {
            why = auth.checkBearer(ex, Auth.Audience.ONEROSTER);
            stats.count(why == null ? "auth.bearer.ok" : "auth.bearer.rejected");
        }
        if (why != null) {
            throw new HttpError(401, "unauthorisedrequest", "not authorised: " + why);
        }
    }

    // =====================================================================================
    // Tokens
    // =====================================================================================

    /** OAuth 2 client credentials (RFC 6749 4.4), client authentication by Basic header or form fields. */
    private void token(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            throw new HttpError(405, "unsupported_method", "use POST to request a token");
        }
        Map<String, String> form = form(ex);
        String[] basic = Auth.basic(ex);
        String id = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(ex, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        if (!auth.credentialsMatch(id, secret)) {
            stats.count("auth.token.rejected");
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"sis-sandbox\"");
            oauthError(ex, 401, "invalid_client", "unknown client id or wrong client secret");
            return;
        }
        stats.count("auth.token.issued");
        String scope = form.getOrDefault("scope",
                "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly");
        Auth.Issued t = auth.issue(Auth.Audience.ONEROSTER, scope, faults.tokenTtlSeconds);
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeStringField("access_token", t.accessToken());
            g.writeStringField("token_type", "bearer");
            g.writeNumberField("expires_in", t.expiresInSeconds());
            g.writeStringField("scope", t.scope());
            g.writeEndObject();
        });
    }

    /** PowerSchool plugin token: Basic client credentials, expires_in as a string as PowerSchool sends it. */
    private void powerSchoolToken(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            throw new HttpError(405, "unsupported_method", "use POST to request a token");
        }
        Map<String, String> form = form(ex);
        String[] basic = Auth.basic(ex);
        if (basic == null || !auth.credentialsMatch(basic[0], basic[1])) {
            stats.count("auth.token.rejected");
            oauthError(ex, 401, "invalid_client", "PowerSchool token requests need Basic client credentials");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            oauthError(ex, 400, "unsupported_grant_type", "grant_type must be client_credentials");
            return;
        }
        stats.count("auth.token.issued");
        Auth.Issued t = auth.issue(Auth.Audience.POWERSCHOOL, null, faults.tokenTtlSeconds);
        Http.json(ex, 200, g -> {
            g.writeStartObject();
            g.writeStringField("access_token", t.accessToken());
            g.writeStringField("token_type", "Bearer");
            g.writeStringField("expires_in", Long.toString(t.expiresInSeconds()));
            g.writeEndObject();
        });
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String[] p : Http.queryPairs(new String(Http.readBody(ex), StandardCharsets.UTF_8))) {
            m.putIfAbsent(p[0], p[1]);
        }
        return m;
    }

    /** RFC 6749 error body, with the imsx status fields alongside for OneRoster clients. */
    private static void oauthError(HttpExchange ex, int status, String error, String description) throws IOException {
        Http.json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
            g.writeStringField("imsx_codeMajor", "failure");
            g.writeStringField("imsx_severity", "error");
            g.writeStringField("imsx_description", description);
            g.writeObjectFieldStart("imsx_CodeMinor");
            g.writeArrayFieldStart("imsx_codeMinorField");
            g.writeStartObject();
            g.writeStringField("imsx_codeMinorFieldName", "TargetEndSystem");
            g.writeStringField("imsx_codeMinorFieldValue", status == 401 ? "unauthorisedrequest" : "invalid_data");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    // =====================================================================================
    // Admin API
    // =====================================================================================

    private void admin(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        switch (method + " " + path) {
            case "GET /admin/faults" -> Http.json(ex, 200, faults::write);
            case "POST /admin/faults" -> {
                try (JsonParser p = Http.JSON.createParser(Http.readBody(ex))) {
                    faults.apply(p);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new HttpError(400, "invalid_data", "fault switches must be a JSON object: " + e.getOriginalMessage());
                }
                lister.clear();
                Http.json(ex, 200, faults::write);
            }
            case "POST /admin/roster/mutations" -> {
                List<Roster.MutationResult> results = mutate(Http.readBody(ex));
                lister.clear();
                Summary summary = expectedSummary();
                Http.json(ex, 200, g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("applied");
                    for (Roster.MutationResult r : results) {
                        g.writeStartObject();
                        g.writeStringField("mutation", r.mutation());
                        g.writeNumberField("affected", r.affected());
                        g.writeStringField("dateLastModified", r.dateLastModified());
                        g.writeNumberField("version", r.version());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeFieldName("summary");
                    summary.write(g);
                    g.writeEndObject();
                });
            }
            case "POST /admin/reset" -> {
                reset();
                Http.json(ex, 200, g -> {
                    g.writeStartObject();
                    g.writeStringField("status", "reset");
                    g.writeNumberField("version", roster.version());
                    g.writeEndObject();
                });
            }
            case "GET /admin/stats" -> Http.json(ex, 200, stats::write);
            case "GET /admin/expected/summary" -> {
                Summary summary = expectedSummary();
                Http.json(ex, 200, summary::write);
            }
            case "GET /admin/info" -> Http.json(ex, 200, g -> {
                District d = roster.d;
                g.writeStartObject();
                g.writeNumberField("seed", d.seed);
                g.writeNumberField("students", d.students);
                g.writeNumberField("schools", d.schools);
                g.writeNumberField("teachers", d.totalTeachers);
                g.writeNumberField("classes", d.totalClasses);
                g.writeNumberField("courses", d.totalCourses);
                g.writeStringField("districtName", d.districtName);
                g.writeStringField("districtSourcedId", roster.orgId(0));
                g.writeStringField("domain", d.domain);
                g.writeNumberField("schoolYear", d.schoolYear);
                g.writeStringField("baseDateLastModified", roster.baseModifiedIso);
                g.writeNumberField("version", roster.version());
                g.writeStringField("clientId", auth.clientId);
                g.writeEndObject();
            });
            default -> throw new HttpError(404, "unknownobject", "no admin endpoint " + method + " " + path);
        }
    }

    /**
     * Mutation body: a JSON object with any of {@code dropStudentsPercent}, {@code moveEnrollments},
     * {@code addStudents}, {@code dropSchool} (sourcedId) and an optional {@code at} (ISO timestamp); or an array of such.
     */
    public List<Roster.MutationResult> applyMutations(byte[] json) throws IOException {
        List<Roster.MutationResult> results = mutate(json);
        lister.clear();
        return results;
    }

    private List<Roster.MutationResult> mutate(byte[] body) throws IOException {
        List<Roster.MutationResult> results = new ArrayList<>();
        try (JsonParser p = Http.JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    mutateOne(p, results);
                }
            } else if (first == JsonToken.START_OBJECT) {
                mutateOne(p, results);
            } else {
                throw new HttpError(400, "invalid_data", "expected a JSON object (or array of objects) describing mutations");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpError(400, "invalid_data", "mutations must be JSON: " + e.getOriginalMessage());
        }
        return results;
    }

    private void mutateOne(JsonParser p, List<Roster.MutationResult> results) throws IOException {
        Double dropPercent = null;
        Integer move = null;
        Integer add = null;
        String dropSchool = null;
        Map<String, String> addCourse = null;
        Instant at = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "dropStudentsPercent" -> dropPercent = p.getDoubleValue();
                case "moveEnrollments" -> move = p.getIntValue();
                case "addStudents" -> add = p.getIntValue();
                case "dropSchool" -> dropSchool = p.getText();
                case "addCourse" -> addCourse = stringFields(p, "addCourse");
                case "at" -> {
                    Long ms = Iso.parseMillis(p.getText());
                    if (ms == null) {
                        throw new HttpError(400, "invalid_data", "'at' must be an ISO-8601 timestamp");
                    }
                    at = Instant.ofEpochMilli(ms);
                }
                default -> throw new HttpError(400, "invalid_data", "unknown mutation '" + name
                        + "' (use dropStudentsPercent, moveEnrollments, addStudents, dropSchool, addCourse, at)");
            }
        }
        if (dropPercent != null) {
            results.add(roster.dropStudents(dropPercent, at));
        }
        if (move != null) {
            results.add(roster.moveEnrollments(move, at));
        }
        if (add != null) {
            results.add(roster.addStudents(add, at));
        }
        if (dropSchool != null) {
            int school = roster.parseSchool(roster.overlay(), dropSchool);
            if (school < 0) {
                throw new HttpError(404, "unknownobject", "no school with sourcedId " + dropSchool);
            }
            results.add(roster.dropSchool(school, at));
        }
        if (addCourse != null) {
            try {
                results.add(roster.addCourse(addCourse.get("from"), addCourse.get("title"), addCourse.get("courseCode"),
                        addCourse.get("subject"), at));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "invalid_data", "addCourse: " + e.getMessage());
            }
        }
    }

    /** {"from": "crs-00027", "title": "...", "courseCode": "...", "subject": "..."}: string fields of one object. */
    private static Map<String, String> stringFields(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new HttpError(400, "invalid_data", what + " must be an object such as {\"from\":\"crs-00027\","
                    + "\"title\":\"Computer Science Grade 09\",\"courseCode\":\"CS-09\",\"subject\":\"Computer Science\"}");
        }
        Map<String, String> fields = new java.util.HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            fields.put(name, p.getValueAsString());
        }
        return fields;
    }
}
