package io.rosterline.api.sync;

import io.rosterline.api.support.Api;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.SftpUploads;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sandbox.Truth;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import io.rosterline.sync.engine.HttpWorkerApi;
import io.rosterline.sync.engine.SyncEngine;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;

/**
 * Given-steps of the sync tests: a district connected to its own sandbox SIS the way an admin connects it (OneRoster
 * REST with OAuth 2 or OAuth 1.0a, OneRoster 1.2, OneRoster CSV uploaded over SFTP, or PowerSchool), its schools
 * loaded and all included, the Mathematics courses included by a course rule (code MATH-*), licensed with a teacher
 * and a student edition, each from one ROSTERED pool; and the real worker engine pointed at this roster-api. What a
 * correct sync must produce is computed from the sandbox's own model ({@link Truth}), never read back through a
 * connector.
 */
final class SyncFixture implements AutoCloseable {

    static final String SUBJECT = "Mathematics";
    static final String MATH_CODES = "MATH-*";

    /** Where the district's roster comes from, and how the connector names the sandbox's records. */
    enum Source {
        ONEROSTER_OAUTH2("ONEROSTER_API"), ONEROSTER_OAUTH1("ONEROSTER_API"), ONEROSTER_12("ONEROSTER_12_API"),
        CSV_SFTP("ONEROSTER_CSV"), POWERSCHOOL("POWERSCHOOL");

        final String platform;

        Source(String platform) {
            this.platform = platform;
        }

        /**
         * The sourcedId the connector gives the record the sandbox calls {@code sandboxId}: the same for OneRoster;
         * PowerSchool numbers each table (stu-000123 is student 123, see the sandbox README) and the connector prefixes
         * the table (student-123, staff-7, section-45, course-5, school-2).
         */
        String id(String sandboxId) {
            if (this != POWERSCHOOL) {
                return sandboxId;
            }
            int dash = sandboxId.indexOf('-');
            long n = Long.parseLong(sandboxId.substring(dash + 1));
            return switch (sandboxId.substring(0, dash)) {
                case "sch" -> "school-" + n;
                case "stu" -> "student-" + n;
                case "tch" -> "staff-" + n;
                case "cls" -> "section-" + n;
                case "crs" -> "course-" + n;
                default -> throw new IllegalArgumentException("no PowerSchool id for " + sandboxId);
            };
        }

        /** Whether the source lists records that are gone (OneRoster REST: as tobedeleted) or leaves them out. */
        boolean listsRemoved() {
            return this != CSV_SFTP && this != POWERSCHOOL;
        }
    }

    final SandboxSis sis;
    final Source source;
    final UUID district;
    final DataSource db;
    final String apiUrl;
    final String admin;
    /** The included schools and courses, as the connector names them. */
    final List<String> schools = new ArrayList<>();
    final Set<String> courses = new HashSet<>();
    SftpUploads.Login sftp;
    int uploads;
    UUID teacherProduct;
    UUID studentProduct;
    UUID teacherPool;
    UUID studentPool;

    SyncFixture(DataSource db, String apiUrl, int students, String auth, String platform) {
        this(db, apiUrl, students, platform.equals("ONEROSTER_12_API") ? Source.ONEROSTER_12
                : auth.equals("oauth1") ? Source.ONEROSTER_OAUTH1 : Source.ONEROSTER_OAUTH2);
    }

    SyncFixture(DataSource db, String apiUrl, int students, Source source) {
        this.db = db;
        this.apiUrl = apiUrl;
        this.source = source;
        this.sis = SandboxSis.start(SandboxSis.Config.defaults().students(students).seed(7));
        this.district = Districts.fresh("Sync district " + UUID.randomUUID().toString().substring(0, 6));
        this.admin = Tokens.districtAdmin(district);
        String base = "/api/v1/districts/" + district;
        Api.as(admin).body(Map.of("platform", source.platform)).put(base).then().statusCode(200);
        connect(base);
        // Chosen the way an admin chooses: every school of the SIS, the Mathematics courses by a rule on their code.
        Api.as(admin).post(base + "/schools/refresh").then().statusCode(200);
        Api.as(admin).body(Map.of("all", true, "included", true)).post(base + "/schools/selection").then().statusCode(200);
        Api.as(admin).post(base + "/courses/refresh").then().statusCode(200);
        Api.as(admin).body(Map.of("matchField", "CODE", "pattern", MATH_CODES, "effect", "INCLUDE"))
                .post(base + "/course-rules").then().statusCode(201);
        Truth truth = sis.truth();
        truth.schools.stream().filter(Truth.School::active).forEach(s -> schools.add(source.id(s.sourcedId())));
        truth.courses.stream().filter(c -> c.courseCode().startsWith("MATH-")).forEach(c -> courses.add(source.id(c.sourcedId())));
    }

    private void connect(String base) {
        switch (source) {
            case CSV_SFTP -> {
                sftp = SftpUploads.account(district, "Fixture-" + UUID.randomUUID());
                publish();
            }
            case POWERSCHOOL -> Api.as(admin)
                    .body(Map.of("baseUrl", sis.baseUrl(), "clientId", sis.clientId(), "clientSecret", sis.clientSecret(),
                            "authMethod", "OAUTH2"))
                    .put(base + "/credentials").then().statusCode(200).body("validation.status", equalTo("VALID"));
            default -> Api.as(admin)
                    .body(Map.of("baseUrl", source == Source.ONEROSTER_12 ? sis.oneRoster12Url() : sis.oneRoster11Url(),
                            "clientId", sis.clientId(), "clientSecret", sis.clientSecret(),
                            "authMethod", source == Source.ONEROSTER_OAUTH1 ? "OAUTH1" : "OAUTH2", "tokenUrl", sis.tokenUrl()))
                    .put(base + "/credentials").then().statusCode(200).body("validation.status", equalTo("VALID"));
        }
    }

    /**
     * The SIS's changes reach Rosterline: an API is read live; a CSV district's export job uploads the current export
     * over SFTP, and the upload passes its check.
     */
    void publish() {
        if (source != Source.CSV_SFTP) {
            return;
        }
        String name = "oneroster-export-" + (++uploads) + ".zip";
        SftpUploads.uploadExport(sis, sftp, name);
        Api.as(admin).get("/api/v1/districts/" + district + "/uploads?size=1").then().statusCode(200)
                .body("items[0].filename", equalTo(name)).body("items[0].status", equalTo("ACCEPTED"));
    }

    /** Licenses the included courses through the API: a teacher and a student edition, each from one ROSTERED pool. */
    SyncFixture licensed(int teacherSeats, int studentSeats) {
        teacherProduct = product("TEACHER");
        studentProduct = product("STUDENT");
        teacherPool = pool(teacherProduct, teacherSeats);
        studentPool = pool(studentProduct, studentSeats);
        mapCourses(courses);
        return this;
    }

    /** Maps these courses to both products (adding to what they have). */
    void mapCourses(Set<String> courseSourcedIds) {
        Api.as(admin).body(Map.of("courseSourcedIds", List.copyOf(courseSourcedIds), "productIds", List.of(teacherProduct, studentProduct)))
                .post("/api/v1/districts/" + district + "/course-licenses").then().statusCode(200);
    }

    private UUID product(String edition) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return UUID.fromString(Api.as(Tokens.support())
                .body(Map.of("sku", "MATH-" + edition + "-" + suffix, "title", "Math " + edition.toLowerCase() + " " + suffix,
                        "edition", edition))
                .post("/api/v1/products").then().statusCode(201).extract().path("id"));
    }

    private UUID pool(UUID product, int seats) {
        LocalDate today = LocalDate.now();
        return UUID.fromString(Api.as(admin)
                .body(Map.of("productId", product.toString(), "seats", seats, "startDate", today.minusYears(1).toString(),
                        "endDate", today.plusYears(2).toString(), "purchaseOrder", "PO-FIXTURE", "mode", "ROSTERED"))
                .post("/api/v1/districts/" + district + "/license-pools").then().statusCode(201).extract().path("id"));
    }

    /**
     * A OneRoster 1.1 reader of the sandbox, for tests that need a record's own values as the SIS sends them (names,
     * emails, identifiers) to seed accounts with. Never for the expected result: that comes from {@link #expected()}.
     */
    OneRosterRestReader reader() {
        SisHttp http = new SisHttp(HttpSettings.defaults(), "sandbox");
        return new OneRosterRestReader(new OneRosterRestReader.Config(URI.create(sis.oneRoster11Url()),
                new OAuth2ClientCredentials(URI.create(sis.tokenUrl()), sis.clientId(), sis.clientSecret(), null,
                        OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, http), 1000, HttpSettings.defaults(),
                OneRosterRestReader.Version.V1P1), http);
    }

    /**
     * The truth in the SIS right now, from the sandbox's model: the classes of the included courses the source lists,
     * their enrollments, and who is actively enrolled as student or teacher (an active enrollment of an active person
     * in an active class).
     */
    record Expected(Set<String> classes, Set<String> students, Set<String> teachers, Set<String> people, Set<String> activePeople,
                    long enrollments) {
    }

    Expected expected() {
        return expected(c -> c.courseCode().startsWith("MATH-"));
    }

    /** The same, for the courses this predicate says are included. */
    Expected expected(Predicate<Truth.Course> included) {
        Truth truth = sis.truth();
        Set<String> includedCourses = truth.courses.stream().filter(included).map(Truth.Course::sourcedId).collect(Collectors.toSet());
        Map<String, Truth.Clazz> classes = new HashMap<>();
        for (Truth.Clazz k : truth.classes) {
            if (includedCourses.contains(k.courseSourcedId()) && (source.listsRemoved() || k.active())) {
                classes.put(k.sourcedId(), k);
            }
        }
        Map<String, Truth.Person> people = new HashMap<>();
        truth.people.forEach(p -> people.put(p.sourcedId(), p));
        Set<String> students = new HashSet<>();
        Set<String> teachers = new HashSet<>();
        Set<String> enrolled = new HashSet<>();
        Set<String> activeEnrolled = new HashSet<>();
        long enrollments = 0;
        for (Truth.Enrollment e : truth.enrollments) {
            Truth.Clazz k = classes.get(e.classSourcedId());
            // PowerSchool lists a dropped student's section enrollment (dropped: true); a CSV export leaves it out.
            if (k == null || (source == Source.CSV_SFTP && !e.active())) {
                continue;
            }
            enrollments++;
            Truth.Person person = people.get(e.userSourcedId());
            String id = source.id(e.userSourcedId());
            enrolled.add(id);
            if (person.active()) {
                activeEnrolled.add(id);
            }
            if (e.active() && k.active() && person.active()) {
                (e.teacher() ? teachers : students).add(id);
            }
        }
        return new Expected(classes.keySet().stream().map(source::id).collect(Collectors.toSet()), students, teachers, enrolled,
                activeEnrolled, enrollments);
    }

    /** An admin asks for a run now; answers its id. */
    UUID request(String kind) {
        return UUID.fromString(Api.as(admin).body(Map.of("kind", kind)).post("/api/v1/districts/" + district + "/runs")
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id"));
    }

    /** An admin presses Sync Licenses and the real worker runs it; answers the applied run as the API shows it. */
    io.restassured.path.json.JsonPath syncLicenses() {
        UUID run = request("SYNC_LICENSES");
        if (!runWorker().get(0).succeeded()) {
            throw new AssertionError("the worker's run of " + run + " failed");
        }
        return Api.as(admin).get("/api/v1/districts/" + district + "/runs/" + run).then().statusCode(200)
                .body("status", equalTo("APPLIED")).extract().jsonPath();
    }

    SyncEngine engine() {
        return new SyncEngine(new HttpWorkerApi(apiUrl, Tokens::syncWorker), new SyncEngine.Settings(300, Duration.ofMillis(500)));
    }

    /** The real worker engine claims and runs everything due; returns this district's outcomes. */
    List<SyncEngine.Outcome> runWorker() {
        return engine().runAllDue("test-worker-" + UUID.randomUUID().toString().substring(0, 6)).stream()
                .filter(o -> o.claim().districtId().equals(district)).toList();
    }

    Set<String> holders(UUID product, String source) {
        return strings("SELECT a.sourced_id FROM license_assignment la JOIN account a ON a.id = la.account_id "
                + "WHERE la.district_id = ? AND la.product_id = ? AND la.source = ?", district, product, source);
    }

    long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<String> strings(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            Set<String> values = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void sql(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof LocalDate d) {
                    ps.setObject(i + 1, d);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // The test's district leaves the nightly queue with its sandbox: later tests' workers would otherwise claim its
        // runs and spend their retries on a SIS that is gone.
        sql("UPDATE district SET schedule_mode = 'PAUSED' WHERE id = ?", district);
        sql("UPDATE sync_run SET status = 'FAILED', error = 'test finished', lease_token = NULL "
                + "WHERE district_id = ? AND status IN ('QUEUED', 'RUNNING')", district);
        sis.close();
    }
}
