package io.rosterline.api.support;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sync.engine.HttpWorkerApi;
import io.rosterline.sync.engine.SyncEngine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One district walks the whole Integration Settings Checklist through the API, from a new district to going live:
 * credentials (a SIS API, or OneRoster CSV uploaded over SFTP with a real SFTP client), schools, courses, licenses,
 * pools, term dates, a sticky license, a manual import reviewed, the readiness review, and the schedule. After every
 * action the checklist is read and compared, step by step, with what the admin expects of all nine steps.
 *
 * <p>The sandbox district (1200 students, seed 42): sch-0001 Washington Elementary School (K-5) and sch-0002 Lincoln
 * High School (09-12, courses crs-00025..crs-00040), see {@link Setup}.
 */
public final class ChecklistWalk {

    /** What the checklist says about one step. */
    public record Step(String state, String summary) {
    }

    private final TestClock clock;
    private final SqlRunner sql;
    private final String apiUrl;
    private final SandboxSis sis;
    private final Map<String, Step> expected = new LinkedHashMap<>();
    private UUID district;
    private String admin;
    private String path;

    /**
     * @param apiUrl this roster-api, where the real worker engine runs the imports
     * @param sis    the district's SIS (its client secret is the one the admin enters)
     */
    public ChecklistWalk(TestClock clock, SqlRunner sql, String apiUrl, SandboxSis sis) {
        this.clock = clock;
        this.sql = sql;
        this.apiUrl = apiUrl;
        this.sis = sis;
    }

    public UUID district() {
        return district;
    }

    private void newDistrict(String name) {
        clock.setToday(LocalDate.of(2026, 8, 1));
        district = Districts.fresh(name);
        admin = Tokens.districtAdmin(district);
        path = base(district);
        expected.clear();
        expect("CREDENTIALS", "NOT_STARTED", "No connection details yet");
        expect("SCHOOLS", "NOT_STARTED", "No schools discovered yet");
        expect("COURSES", "NOT_STARTED", "No courses discovered for the chosen schools yet");
        expect("LICENSES", "NOT_STARTED", "No included courses to map yet");
        expect("STAGED_REVIEW", "NOT_STARTED", "No manual import yet");
        expect("TERM_DATES", "NOT_STARTED", "No terms discovered yet");
        expect("LICENSE_POOL", "NOT_STARTED", "No licenses mapped to included courses yet");
        expect("READINESS_REVIEW", "NOT_STARTED", "No roster to review yet");
        expect("SCHEDULE", "NOT_STARTED", "Not syncing yet");
    }

    private void expect(String key, String state, String summary) {
        expected.put(key, new Step(state, summary));
    }

    /** Then: the checklist says exactly what the admin expects, for every one of its steps. */
    private JsonPath checklistSays(String after) {
        JsonPath checklist = as(admin).get(path + "/checklist").then().statusCode(200).extract().jsonPath();
        Map<String, Step> actual = new LinkedHashMap<>();
        for (Map<String, Object> step : checklist.<Map<String, Object>>getList("steps")) {
            actual.put((String) step.get("key"), new Step((String) step.get("state"), (String) step.get("summary")));
        }
        assertEquals(expected, actual, "the checklist after: " + after);
        boolean ready = expected.entrySet().stream().filter(e -> !e.getKey().equals("TERM_DATES") && !e.getKey().equals("SCHEDULE"))
                .allMatch(e -> e.getValue().state().equals("DONE"));
        assertEquals(ready, checklist.getBoolean("readyToGoLive"), "readyToGoLive after: " + after);
        return checklist;
    }

    private String nextAction(JsonPath checklist, String key) {
        return checklist.getString("steps.find { it.key == '" + key + "' }.nextAction");
    }

    /** A district on a OneRoster 1.1 API walks every step; the admin first types the secret wrong. */
    public void apiDistrict(String name) {
        newDistrict(name);
        checklistSays("creating the district");

        // Step 1: credentials, checked live. Schools cannot load before.
        as(admin).post(path + "/schools/refresh").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Connect your student information system first"));
        Map<String, Object> credentials = new HashMap<>(Map.of("baseUrl", sis.oneRoster11Url(), "clientId", sis.clientId(),
                "clientSecret", sis.clientSecret() + "-typo", "authMethod", "OAUTH2", "tokenUrl", sis.tokenUrl()));
        String reason = as(admin).body(credentials).put(path + "/credentials").then().statusCode(200)
                .body("validation.status", equalTo("INVALID")).extract().path("validation.message");
        expect("CREDENTIALS", "NEEDS_ATTENTION", reason);
        checklistSays("saving a wrong secret");
        credentials.put("clientSecret", sis.clientSecret());
        as(admin).body(credentials).put(path + "/credentials").then().statusCode(200).body("validation.status", equalTo("VALID"));
        expect("CREDENTIALS", "DONE", "Connected to " + sis.roster().d.districtName + ", 2 schools");
        checklistSays("fixing the secret");

        chooseAndLicense();
        importReviewAndGoLive(List.of("credentials.created", "credentials.updated"));
    }

    /**
     * A OneRoster CSV district walks every step: the checklist says where to upload until an upload is accepted; the
     * SIS export job uploads the sandbox's CSV zip with a real SFTP client and the admin's SFTP password.
     */
    public void csvDistrict(String name, String sftpPassword) {
        newDistrict(name);
        as(Tokens.support()).body(Map.of("platform", "ONEROSTER_CSV")).put(path).then().statusCode(200);
        expect("CREDENTIALS", "NOT_STARTED", "No accepted OneRoster CSV upload yet");
        expect("STAGED_REVIEW", "NOT_STARTED", "No accepted OneRoster CSV upload yet, so there is nothing to import");
        JsonPath checklist = checklistSays("choosing OneRoster CSV");
        String sftpHost = "sftp://localhost:" + SftpUploads.port();
        assertEquals("Set up the SFTP account on the credentials step, then upload a OneRoster CSV zip to " + sftpHost,
                nextAction(checklist, "CREDENTIALS"));
        as(admin).post(path + "/schools/refresh").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("No accepted OneRoster CSV upload yet"));

        // Step 1 for CSV: the SFTP account, shown with host and port; the checklist says exactly where to upload.
        SftpUploads.Login login = SftpUploads.account(district, sftpPassword);
        as(admin).get(path + "/sftp").then().statusCode(200).body("port", equalTo(SftpUploads.port()))
                .body("username", equalTo(login.username())).body("passwordSet", equalTo(true));
        checklist = checklistSays("setting up the SFTP account");
        String instruction = "Upload a OneRoster CSV zip to " + sftpHost + " as user " + login.username();
        assertEquals(instruction, nextAction(checklist, "CREDENTIALS"));
        assertEquals(instruction, nextAction(checklist, "STAGED_REVIEW"));
        as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(path + "/runs").then().statusCode(409)
                .body("detail", containsString(instruction));

        SftpUploads.uploadExport(sis, login, "oneroster-export.zip");
        as(admin).get(path + "/uploads").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].status", equalTo("ACCEPTED")).body("items[0].filename", equalTo("oneroster-export.zip"));
        expect("CREDENTIALS", "DONE", "Latest upload oneroster-export.zip accepted: " + sis.expectedSummary().get("orgs").active()
                + " orgs, " + sis.expectedSummary().get("users").active() + " users");
        expect("STAGED_REVIEW", "NOT_STARTED", "No manual import yet");
        checklistSays("the first upload");

        chooseAndLicense();
        importReviewAndGoLive(List.of("district.updated", "sftp.created", "sftp.password-set"));
    }

    /** Steps 2-7: schools, courses (by rule and by hand), licenses, pools, term dates, a sticky license. */
    private void chooseAndLicense() {
        // Schools, loaded from the district's source.
        as(admin).post(path + "/schools/refresh").then().statusCode(200).body("discovered", equalTo(2)).body("added", equalTo(2));
        expect("SCHOOLS", "NOT_STARTED", "No schools chosen yet (2 found)");
        checklistSays("loading the schools");
        as(admin).get(path + "/schools?search=high").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].sourcedId", equalTo(Setup.HIGH_SCHOOL)).body("items[0].included", equalTo(false));
        as(admin).body(Map.of("included", true)).put(path + "/schools/" + Setup.HIGH_SCHOOL)
                .then().statusCode(200).body("included", equalTo(true));
        as(admin).get(path + "/schools?included=false").then().body("items.sourcedId", equalTo(List.of(Setup.ELEMENTARY)));
        expect("SCHOOLS", "DONE", "1 of 2 schools chosen");
        checklistSays("including the high school");

        // Courses, by rule and by hand.
        as(admin).post(path + "/courses/refresh").then().statusCode(200).body("discovered", equalTo(16));
        expect("COURSES", "NOT_STARTED", "No courses chosen yet (16 found)");
        checklistSays("loading the courses");
        long mathRule = ((Number) as(admin).body(Map.of("matchField", "SUBJECT", "pattern", "math*", "effect", "INCLUDE"))
                .post(path + "/course-rules").then().statusCode(201).body("matchingCourses", equalTo(4))
                .extract().path("id")).longValue();
        as(admin).get(path + "/courses?effectivelyIncluded=true").then()
                .body("items.sourcedId", containsInAnyOrder(Setup.HIGH_SCHOOL_MATH.toArray()))
                .body("items.reason", everyItem(equalTo("INCLUDED_BY_RULE")))
                .body("items.ruleId", everyItem(equalTo((int) mathRule)));
        expect("COURSES", "DONE", "4 of 16 courses included (4 by rules)");
        expect("LICENSES", "NOT_STARTED", "None of the 4 included courses has a license yet");
        checklistSays("adding the math rule");
        as(admin).body(Map.of("included", true)).put(path + "/courses/" + Setup.SCIENCE_09)
                .then().statusCode(200).body("effectivelyIncluded", equalTo(true)).body("reason", equalTo("EXPLICITLY_INCLUDED"));
        expect("COURSES", "DONE", "5 of 16 courses included (4 by rules)");
        expect("LICENSES", "NOT_STARTED", "None of the 5 included courses has a license yet");
        checklistSays("including Science Grade 09");
        List<String> fromView = sql.list("SELECT sourced_id FROM v_included_course WHERE district_id = ? ORDER BY sourced_id",
                rs -> rs.getString(1), district);
        assertEquals(List.of("crs-00025", "crs-00027", "crs-00029", "crs-00033", "crs-00037"), fromView, "the sync reads the same set");

        // Licenses for every included course.
        UUID teacherEdition = Setup.product("Walk Math Teacher Edition", "TEACHER");
        UUID studentEdition = Setup.product("Walk Math Student Edition", "STUDENT");
        as(admin).body(Map.of("courseSourcedIds", Setup.HIGH_SCHOOL_MATH, "productIds", List.of(teacherEdition, studentEdition)))
                .post(path + "/course-licenses").then().statusCode(200)
                .body("courses", equalTo(4)).body("mappingsAdded", equalTo(8));
        expect("LICENSES", "NEEDS_ATTENTION", "1 of 5 included courses have no license (Science Grade 09)");
        expect("LICENSE_POOL", "NOT_STARTED", "No license pools yet");
        checklistSays("mapping the math courses");
        as(admin).body(Map.of("productIds", List.of(teacherEdition))).put(path + "/courses/" + Setup.SCIENCE_09 + "/licenses")
                .then().statusCode(200).body("products.id", equalTo(List.of(teacherEdition.toString())));
        expect("LICENSES", "DONE", "All 5 included courses have licenses");
        checklistSays("mapping Science Grade 09");

        // Pools: rostered pools covering today for every mapped product.
        UUID teacherPool = Setup.pool(district, teacherEdition, 10, "MANUAL");
        expect("LICENSE_POOL", "NEEDS_ATTENTION", "No rostered pool covering today for Walk Math Student Edition, Walk Math Teacher Edition");
        checklistSays("adding a manual teacher pool");
        as(admin).body(Map.of("productId", teacherEdition.toString(), "seats", 10, "startDate", "2026-07-01", "endDate", "2027-06-30",
                        "mode", "ROSTERED"))
                .put(path + "/license-pools/" + teacherPool).then().statusCode(200).body("mode", equalTo("ROSTERED"));
        expect("LICENSE_POOL", "NEEDS_ATTENTION", "No rostered pool covering today for Walk Math Student Edition");
        checklistSays("setting the teacher pool to rostered");
        Setup.pool(district, studentEdition, 2000, "ROSTERED");
        expect("LICENSE_POOL", "DONE", "2 products have a rostered pool covering today");
        checklistSays("adding a rostered student pool");

        // Term dates, with time moving past an override.
        as(admin).post(path + "/terms/refresh").then().statusCode(200).body("discovered", equalTo(3));
        expect("TERM_DATES", "DONE", "3 terms");
        checklistSays("loading the terms");
        as(admin).body(Map.of("overrideStart", "2026-08-10")).put(path + "/terms/" + Setup.FALL_TERM)
                .then().statusCode(200).body("effectiveStart", equalTo("2026-08-10")).body("warnings", hasSize(0));
        expect("TERM_DATES", "DONE", "3 terms, 1 with adjusted dates");
        checklistSays("an override start date");
        clock.setToday(LocalDate.of(2026, 9, 1));
        String warning = "Override start date for Fall 2026 Semester passed on 2026-08-10; remove it";
        expect("TERM_DATES", "NEEDS_ATTENTION", warning);
        checklistSays("the override date passing");
        as(admin).get(path + "/terms").then().body("find { it.sourcedId == '" + Setup.FALL_TERM + "' }.warnings", equalTo(List.of(warning)));
        Map<String, Object> clear = new HashMap<>();
        clear.put("overrideStart", null);
        as(admin).body(clear).put(path + "/terms/" + Setup.FALL_TERM).then().statusCode(200).body("overrideStart", equalTo(null));
        expect("TERM_DATES", "DONE", "3 terms");
        checklistSays("removing the override");

        // A sticky license for an entered account takes a teacher-edition seat, and gives it back.
        as(admin).body(Map.of("emailDomain", "walkthrough.k12.ca.us", "loginPattern", "[a-z]+")).put(path + "/sso-format")
                .then().statusCode(200).body("emailDomain", equalTo("walkthrough.k12.ca.us"));
        long sticky = ((Number) as(admin).body(Map.of("account", Map.of("givenName", "Dana", "familyName", "Reyes",
                        "email", "dreyes@walkthrough.k12.ca.us", "login", "dreyes"), "note", "Math coach"))
                .post(path + "/sticky-licenses").then().statusCode(201)
                .body("", hasSize(1)).body("[0].edition", equalTo("TEACHER")).body("[0].account.origin", equalTo("MANUAL"))
                .extract().path("[0].id")).longValue();
        as(admin).get(path + "/license-pools/" + teacherPool).then().body("seatsUsed", equalTo(1)).body("seatsRemaining", equalTo(9));
        checklistSays("giving a sticky license");
        as(admin).delete(path + "/sticky-licenses/" + sticky).then().statusCode(204);
        as(admin).get(path + "/license-pools/" + teacherPool).then().body("seatsUsed", equalTo(0)).body("seatsRemaining", equalTo(10));
        checklistSays("removing the sticky license");

        // Going live is refused while the import and the readiness review are open; pausing is allowed.
        as(admin).body(Map.of("mode", "LIVE")).put(path + "/schedule")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", everyItem(equalTo("mode")))
                .body("errors.message", hasItem(containsString("Import and review")))
                .body("errors.message", hasItem(containsString("Readiness review")))
                .body("errors.message", not(hasItem(containsString("Connect your student information system"))))
                .body("errors.message", not(hasItem(containsString("Choose schools"))))
                .body("errors.message", not(hasItem(containsString("License pool"))));
        as(admin).get(path + "/schedule").then().body("mode", equalTo("SETUP")).body("readyToGoLive", equalTo(false));
        checklistSays("trying to go live too early");
        as(admin).body(Map.of("mode", "PAUSED")).put(path + "/schedule").then().statusCode(200).body("mode", equalTo("PAUSED"));
        expect("SCHEDULE", "NEEDS_ATTENTION", "Paused; the nightly sync does not run");
        checklistSays("pausing");
    }

    /** Steps 5, 8 and 9: a manual import staged and reviewed, the readiness review, and going live. */
    private void importReviewAndGoLive(List<String> sourceActions) {
        UUID run = UUID.fromString(as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(path + "/runs").then().statusCode(202)
                .extract().path("id"));
        expect("STAGED_REVIEW", "NOT_STARTED", "The manual import is waiting for a worker");
        checklistSays("asking for a manual import");
        List<SyncEngine.Outcome> outcomes = new SyncEngine(new HttpWorkerApi(apiUrl, Tokens::syncWorker),
                new SyncEngine.Settings(500, Duration.ofMillis(500))).runAllDue("walk-worker").stream()
                .filter(o -> o.claim().districtId().equals(district)).toList();
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());

        // Review of the staged data: counts, the classes and a roster, the license plan. Nothing is applied.
        Response staged = as(admin).get(path + "/runs/" + run);
        staged.then().statusCode(200).body("status", equalTo("STAGED"));
        int classes = staged.path("counts.classes.total");
        int people = staged.path("counts.users.total");
        assertTrue(classes > 0 && people > 0);
        String sizes = " (" + classes + " classes, " + people + " people)";
        expect("STAGED_REVIEW", "NEEDS_ATTENTION", "The manual import is staged" + sizes + "; review it");
        expect("READINESS_REVIEW", "DONE", "No blocking finding left");
        checklistSays("the import being staged");
        as(admin).get(path + "/runs/" + run + "/staged").then().statusCode(200).body("counts.courses.added", equalTo(5));
        String firstClass = as(admin).get(path + "/runs/" + run + "/classes?size=5").then().statusCode(200)
                .body("total", equalTo(classes)).extract().path("items[0].sourcedId");
        as(admin).get(path + "/runs/" + run + "/classes/" + firstClass + "/roster").then().statusCode(200).body("[0].role", equalTo("teacher"));
        // The plan: the ten teacher-edition seats go to ten teachers, the others are told they get none.
        JsonPath plan = as(admin).get(path + "/runs/" + run + "/plan").then().statusCode(200).body("products.size()", equalTo(2))
                .extract().jsonPath();
        Map<String, Object> teacherLine = plan.getMap("products.find { it.edition == 'TEACHER' }");
        int teachersNeeded = ((Number) teacherLine.get("needed")).intValue();
        assertEquals(10, ((Number) teacherLine.get("seatsAvailable")).intValue());
        assertEquals(10, ((Number) teacherLine.get("assigned")).intValue());
        assertEquals(teachersNeeded - 10, plan.getInt("unseatedTotal"));
        assertEquals(0, ((Number) plan.getMap("products.find { it.edition == 'STUDENT' }").get("unseated")).intValue());
        as(admin).post(path + "/runs/" + run + "/review").then().statusCode(200).body("reviewedAt", notNullValue());
        expect("STAGED_REVIEW", "DONE", "Import of 2026-09-01 reviewed" + sizes);
        checklistSays("marking the import reviewed");

        // The readiness review over the staged roster finds nothing blocking.
        as(admin).get(path + "/readiness").then().statusCode(200).body("runId", equalTo(run.toString())).body("done", equalTo(true))
                .body("findings.findAll { it.blocking }", hasSize(0));

        // Going live: every step it needs is done.
        JsonPath schedule = as(admin).body(Map.of("mode", "LIVE")).put(path + "/schedule").then().statusCode(200)
                .body("mode", equalTo("LIVE")).body("liveBlockers", hasSize(0)).extract().jsonPath();
        expect("SCHEDULE", "DONE", "Syncs nightly " + schedule.getString("nightlyWindow.start") + "\u2013"
                + schedule.getString("nightlyWindow.end") + " " + schedule.getString("timezone"));
        checklistSays("going live");

        // Every change left an audit entry.
        List<String> actions = as(admin).get(path + "/audit?size=200").then().extract().path("items.action");
        for (String action : sourceActions) {
            assertThat(actions, hasItem(action));
        }
        for (String action : List.of("schools.refreshed", "school.included", "courses.refreshed",
                "course-rule.created", "course.choice-changed", "course-licenses.bulk-changed", "course-licenses.changed",
                "license-pool.created", "license-pool.updated", "terms.refreshed", "term.dates-changed", "sso-format.changed",
                "account.created", "sticky-license.created", "sticky-license.deleted", "run.requested", "run.reviewed",
                "schedule.mode-changed")) {
            assertThat(actions, hasItem(action));
        }
    }
}
