package io.rosterline.api.sync;

import io.rosterline.api.support.Api;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.Endpoint;
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

/**
 * Given-steps of the sync tests: a district connected to its own sandbox SIS, its schools selected, the Mathematics
 * courses selected and licensed (a teacher and a student edition, each with a ROSTERED pool), and the real worker
 * engine pointed at this roster-api. What a correct sync must produce is computed from the sandbox independently.
 */
final class SyncFixture implements AutoCloseable {

    static final String SUBJECT = "Mathematics";

    final SandboxSis sis;
    final UUID district;
    final DataSource db;
    final String apiUrl;
    final List<String> schools = new ArrayList<>();
    final Set<String> courses = new HashSet<>();
    UUID teacherProduct;
    UUID studentProduct;
    UUID teacherPool;
    UUID studentPool;

    SyncFixture(DataSource db, String apiUrl, int students, String auth, String platform) {
        this.db = db;
        this.apiUrl = apiUrl;
        this.sis = SandboxSis.start(SandboxSis.Config.defaults().students(students).seed(7));
        this.district = Districts.fresh("Sync district " + UUID.randomUUID().toString().substring(0, 6));
        String base = platform.equals("ONEROSTER_12_API") ? sis.oneRoster12Url() : sis.oneRoster11Url();
        // Connected the way an admin does it: platform, then credentials checked live against the sandbox.
        Api.as(Tokens.districtAdmin(district)).body(Map.of("platform", platform))
                .put("/api/v1/districts/" + district).then().statusCode(200);
        Api.as(Tokens.districtAdmin(district))
                .body(Map.of("baseUrl", base, "clientId", sis.clientId(), "clientSecret", sis.clientSecret(),
                        "authMethod", auth.equals("oauth1") ? "OAUTH1" : "OAUTH2", "tokenUrl", sis.tokenUrl()))
                .put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200).body("validation.status", org.hamcrest.Matchers.equalTo("VALID"));
        try (OneRosterRestReader reader = reader()) {
            for (Org school : reader.listSchools()) {
                schools.add(school.sourcedId());
                sql("INSERT INTO sis_school (district_id, sourced_id, name, included) VALUES (?, ?, ?, true)", district,
                        school.sourcedId(), school.name());
            }
            for (Course course : reader.listCourses(schools)) {
                boolean math = course.subjects() != null && course.subjects().contains(SUBJECT);
                sql("INSERT INTO sis_course (district_id, sourced_id, school_sourced_id, title, included) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", district, course.sourcedId(), course.orgSourcedId(), course.title(), math);
                if (math) {
                    courses.add(course.sourcedId());
                }
            }
        }
    }

    /** Licenses the selected courses: a teacher and a student edition, each from one ROSTERED pool. */
    SyncFixture licensed(int teacherSeats, int studentSeats) {
        teacherProduct = product("TEACHER");
        studentProduct = product("STUDENT");
        teacherPool = pool(teacherProduct, teacherSeats);
        studentPool = pool(studentProduct, studentSeats);
        for (String course : courses) {
            sql("INSERT INTO course_license (district_id, course_sourced_id, product_id) VALUES (?, ?, ?), (?, ?, ?)",
                    district, course, teacherProduct, district, course, studentProduct);
        }
        return this;
    }

    private UUID product(String edition) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO product (id, sku, title, edition) VALUES (?, ?, ?, ?)", id, "MATH-" + edition + "-" + id.toString().substring(0, 8),
                "Math " + edition.toLowerCase(), edition);
        return id;
    }

    private UUID pool(UUID product, int seats) {
        UUID id = UUID.randomUUID();
        LocalDate today = LocalDate.now();
        sql("INSERT INTO license_pool (id, district_id, product_id, seats, start_date, end_date, mode) VALUES (?, ?, ?, ?, ?, ?, 'ROSTERED')",
                id, district, product, seats, today.minusYears(1), today.plusYears(2));
        return id;
    }

    OneRosterRestReader reader() {
        SisHttp http = new SisHttp(HttpSettings.defaults(), "sandbox");
        return new OneRosterRestReader(new OneRosterRestReader.Config(URI.create(sis.oneRoster11Url()),
                new OAuth2ClientCredentials(URI.create(sis.tokenUrl()), sis.clientId(), sis.clientSecret(), null,
                        OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, http), 1000, HttpSettings.defaults(),
                OneRosterRestReader.Version.V1P1), http);
    }

    /** The truth in the SIS right now: who is actively enrolled, as student or teacher, in a selected class. */
    record Expected(Set<String> classes, Set<String> students, Set<String> teachers, Set<String> people, Set<String> activePeople, long enrollments) {
    }

    Expected expected() {
        Set<String> classes = new HashSet<>();
        Set<String> activeClasses = new HashSet<>();
        Map<String, User> users = new HashMap<>();
        Set<String> students = new HashSet<>();
        Set<String> teachers = new HashSet<>();
        Set<String> people = new HashSet<>();
        Set<String> activePeople = new HashSet<>();
        long[] enrollments = {0};
        try (OneRosterRestReader reader = reader()) {
            ReadReport report = new ReadReport();
            for (String school : schools) {
                reader.read(Endpoint.classesOfSchool(school), null, r -> {
                    RosterClass k = (RosterClass) r;
                    if (courses.contains(k.courseSourcedId())) {
                        classes.add(k.sourcedId());
                        if (k.status().isActive()) {
                            activeClasses.add(k.sourcedId());
                        }
                    }
                }, report);
            }
            reader.read(RosterCollection.USERS, null, r -> users.put(r.sourcedId(), (User) r), report);
            for (String school : schools) {
                reader.read(Endpoint.enrollmentsOfSchool(school), null, r -> {
                    Enrollment e = (Enrollment) r;
                    if (!classes.contains(e.classSourcedId())) {
                        return;
                    }
                    enrollments[0]++;
                    people.add(e.userSourcedId());
                    User u = users.get(e.userSourcedId());
                    if (u != null && u.status().isActive()) {
                        activePeople.add(e.userSourcedId());
                    }
                    if (e.status().isActive() && activeClasses.contains(e.classSourcedId()) && u != null && u.status().isActive()) {
                        switch (e.role()) {
                            case STUDENT -> students.add(e.userSourcedId());
                            case TEACHER -> teachers.add(e.userSourcedId());
                            default -> { }
                        }
                    }
                }, report);
            }
        }
        return new Expected(classes, students, teachers, people, activePeople, enrollments[0]);
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
        sis.close();
    }
}
