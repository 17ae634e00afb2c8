package io.rosterline.api.support;

import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;

/**
 * One embedded sandbox SIS (OneRoster 1.1 REST, OAuth 2, random port) that test districts connect to through the
 * credentials API, so discovery reads through the stored connection and the real gateway.
 *
 * <p>The sandbox district (1200 students): sch-0001 Washington Elementary School (K-5, courses crs-00001..crs-00024) and
 * sch-0002 Lincoln High School (grades 09-12, courses crs-00025..crs-00040: Mathematics, English Language Arts, Science,
 * Social Studies per grade, codes MATH-09, ELA-09, SCI-09, SOC-09, ...); sessions as-2027 (school year
 * 2026-08-15..2027-06-15), as-2027-t1 "Fall 2026 Semester" (..2027-01-15), as-2027-t2 "Spring 2027 Semester".
 */
public final class SandboxSis {

    private static io.rosterline.sandbox.SandboxSis sandbox;

    private SandboxSis() {
    }

    public static synchronized io.rosterline.sandbox.SandboxSis sandbox() {
        if (sandbox == null) {
            sandbox = io.rosterline.sandbox.SandboxSis.start(io.rosterline.sandbox.SandboxSis.Config.defaults().students(1200).threads(2));
        }
        return sandbox;
    }

    /**
     * The SIS changes between two syncs, through the sandbox's own admin API (POST /admin/roster/mutations), e.g.
     * {@code [{"dropStudentsPercent":10},{"moveEnrollments":15},{"addStudents":12}]}. Answers what was applied.
     */
    public static String mutate(io.rosterline.sandbox.SandboxSis sis, String mutations) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(sis.baseUrl() + "/admin/roster/mutations"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mutations)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the sandbox refused the mutations " + mutations + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Given: the district's admin saved working SIS credentials (checked live against the sandbox). */
    public static void connect(UUID district) {
        io.rosterline.sandbox.SandboxSis sis = sandbox();
        as(Tokens.districtAdmin(district))
                .body(Map.of("baseUrl", sis.oneRoster11Url(), "clientId", "sandbox-client", "clientSecret", "sandbox-secret",
                        "authMethod", "OAUTH2", "tokenUrl", sis.tokenUrl()))
                .put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200);
    }
}
