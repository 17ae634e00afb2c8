package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import io.rosterline.api.sync.SyncFixture.Source;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a worker holding a run's lease may read: a CSV run's upload, streamed, and the course decision. */
@QuarkusTest
class WorkerSourceTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static String worker(UUID run, String path) {
        return "/api/v1/worker/runs/" + run + path;
    }

    @Test
    void given_a_csv_run_the_worker_streams_the_upload_it_chose_even_when_a_newer_one_arrives_and_only_with_its_lease() throws Exception {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 100, Source.CSV_SFTP)) {
            UUID run = f.request("MANUAL_IMPORT");
            Response claim = as(Tokens.syncWorker()).body(Map.of("workerId", "source-test")).post("/api/v1/worker/claims");
            claim.then().statusCode(200).body("runId", equalTo(run.toString()));
            String lease = claim.path("leaseToken");

            // The archive is the upload the run chose when it asked for its source; before that there is none.
            as(Tokens.syncWorker()).header("Lease-Token", lease).get(worker(run, "/source/archive")).then().statusCode(422)
                    .contentType("application/problem+json").body("detail", containsString("ask for its source first"));
            Response source = as(Tokens.syncWorker()).header("Lease-Token", lease).get(worker(run, "/source"));
            source.then().statusCode(200).body("platform", equalTo("ONEROSTER_CSV"))
                    .body("settings", not(hasKey("client-secret")));
            String uploadId = source.path("settings.upload-id");
            String sha256 = source.path("settings.sha256");
            assertEquals(as(f.admin).get("/api/v1/districts/" + f.district + "/uploads?size=1").path("items[0].id"), uploadId);
            as(f.admin).get("/api/v1/districts/" + f.district + "/runs/" + run).then().body("sourceUploadId", equalTo(uploadId));

            // A newer export arrives mid-run; the run still reads the one it chose, byte for byte.
            f.sis.roster().addStudents(5, null);
            f.publish();
            String newest = as(f.admin).get("/api/v1/districts/" + f.district + "/uploads?size=1").path("items[0].id");
            assertNotEquals(uploadId, newest);
            byte[] zip = as(Tokens.syncWorker()).header("Lease-Token", lease).accept("application/zip")
                    .get(worker(run, "/source/archive")).then().statusCode(200).contentType("application/zip").extract().asByteArray();
            assertEquals(Long.parseLong(source.path("settings.size-bytes")), zip.length);
            assertEquals(sha256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));

            // Without the lease: refused.
            as(Tokens.syncWorker()).header("Lease-Token", UUID.randomUUID().toString()).get(worker(run, "/source/archive"))
                    .then().statusCode(409).contentType("application/problem+json");
            as(Tokens.districtAdmin(f.district)).header("Lease-Token", lease).get(worker(run, "/source/archive")).then().statusCode(403);

            // The course report is checked too: a status that is not OneRoster's names the field, and changes nothing.
            as(Tokens.syncWorker()).header("Lease-Token", lease)
                    .body(Map.of("courses", List.of(Map.of("sourcedId", "crs-x", "status", "retired", "schoolSourcedId", "sch-0001"))))
                    .post(worker(run, "/courses")).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("courses.status"));
            assertEquals(0, f.count("SELECT count(*) FROM sis_course WHERE district_id = ? AND sourced_id = 'crs-x'", f.district));
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(Map.of("error", "test over"))
                    .post(worker(run, "/fail")).then().statusCode(204);
        }
    }

    @Test
    void given_a_csv_district_without_an_accepted_upload_an_import_is_refused_saying_where_to_upload() throws Exception {
        UUID district = io.rosterline.api.support.Districts.fresh("No Upload CSV SD");
        as(Tokens.support()).body(Map.of("platform", "ONEROSTER_CSV")).put("/api/v1/districts/" + district).then().statusCode(200);
        as(Tokens.districtAdmin(district)).body(Map.of("kind", "MANUAL_IMPORT")).post("/api/v1/districts/" + district + "/runs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no accepted OneRoster CSV upload"))
                .body("detail", containsString("Set up the SFTP account"));
        try (var c = db.getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM sync_run WHERE district_id = ?")) {
            ps.setObject(1, district);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "nothing was queued");
            }
        }
    }
}
