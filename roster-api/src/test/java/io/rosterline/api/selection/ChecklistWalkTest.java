package io.rosterline.api.selection;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.support.ChecklistWalk;
import io.rosterline.api.support.SandboxSis;
import io.rosterline.api.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;

/**
 * A district walks the whole checklist, from creation to going live, and after every action the checklist says what
 * the admin expects of every step (see {@link ChecklistWalk}): once with a OneRoster API, once with OneRoster CSV
 * uploaded over SFTP.
 */
@QuarkusTest
class ChecklistWalkTest {

    @Inject
    TestClock clock;
    @Inject
    SqlRunner sql;
    @TestHTTPResource("/")
    URL api;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void given_a_new_district_on_a_oneroster_api_when_the_admin_walks_every_step_then_the_checklist_follows_and_it_goes_live() {
        new ChecklistWalk(clock, sql, api.toString(), SandboxSis.sandbox()).apiDistrict("Walkthrough USD");
    }

    @Test
    void given_a_new_csv_district_when_it_uploads_over_sftp_and_walks_every_step_then_the_checklist_follows_and_it_goes_live() {
        new ChecklistWalk(clock, sql, api.toString(), SandboxSis.sandbox())
                .csvDistrict("Walkthrough CSV USD", "Walk-Sftp-" + UUID.randomUUID());
    }
}
