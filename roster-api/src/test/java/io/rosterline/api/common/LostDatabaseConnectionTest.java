package io.rosterline.api.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request whose database connection was cut (a failover, pg_terminate_backend: DatabaseConnectionDropIT does it for
 * real) answers 503 with Retry-After, not a 500 incident: nothing of it was saved and asking again is the right move.
 */
class LostDatabaseConnectionTest {

    @Test
    void given_a_connection_cut_by_the_server_when_a_request_fails_then_it_answers_503_with_retry_after() {
        RuntimeException failure = new IllegalStateException(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));
        Response response = new ProblemMappers().unexpected(failure, null);
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        Problem problem = (Problem) response.getEntity();
        assertEquals(ProblemType.UNAVAILABLE.uri(), problem.type());
        assertTrue(problem.detail().contains("nothing of this request was saved"));
    }

    @Test
    void given_an_io_error_on_the_connection_then_it_is_a_lost_connection_too() {
        assertTrue(ProblemMappers.lostDatabaseConnection(new RuntimeException(new SQLException("An I/O error occurred", "08006"))));
    }

    @Test
    void given_any_other_database_error_then_it_stays_a_500_incident() {
        assertFalse(ProblemMappers.lostDatabaseConnection(new RuntimeException(new SQLException("duplicate key", "23505"))));
        Response response = new ProblemMappers().unexpected(new IllegalStateException(new SQLException("syntax", "42601")), null);
        assertEquals(500, response.getStatus());
    }
}
