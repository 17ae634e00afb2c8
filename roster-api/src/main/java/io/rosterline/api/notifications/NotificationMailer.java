package io.rosterline.api.notifications;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.rosterline.api.sync.Jdbc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Emails notifications to the district's notification address (safety settings). Never inside a roster transaction:
 * right after one that wrote notifications has committed ({@link NotificationsWritten}), on a thread of its own, and
 * every {@code rosterline.notifications.dispatch-every} for whatever is still due (notifications written by the
 * database's failed-run trigger, retries). A send that fails is retried {@link #MAX_ATTEMPTS} times with a growing pause,
 * then marked FAILED with the error; it never fails or delays a run.
 */
@ApplicationScoped
public class NotificationMailer {

    private static final Logger LOG = Logger.getLogger(NotificationMailer.class);
    static final int MAX_ATTEMPTS = 3;
    /** A claim older than this belongs to a dispatcher that died mid-send; the mail is tried again. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(5);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Mailer mailer;
    @Inject
    Clock clock;
    @Inject
    NotificationsConfig config;

    private final ExecutorService afterCommit = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "notification-mailer");
        t.setDaemon(true);
        return t;
    });

    private record Due(UUID id, UUID districtId, String districtName, String kind, String title, String body, UUID runId,
                       String address, int attempts) {
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsWritten written) {
        afterCommit.execute(this::dispatchQuietly);
    }

    @Scheduled(every = "${rosterline.notifications.dispatch-every:30s}", identity = "notification-mail",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        dispatchQuietly();
    }

    @PreDestroy
    void stop() {
        afterCommit.shutdownNow();
    }

    private void dispatchQuietly() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.warnf("Sending notification mails failed: %s", e.getMessage());
        }
    }

    /** Sends every notification that is due; returns how many mails went out. */
    public synchronized int dispatch() {
        int sent = 0;
        for (Due due : QuarkusTransaction.requiringNew().call(this::claim)) {
            if (due.address() == null) {
                mark(due.id(), "NOT_SENT", null, due.attempts(), "The district has no notification address (safety settings).", null);
                continue;
            }
            try {
                mailer.send(Mail.withText(due.address(), subject(due), text(due)));
                mark(due.id(), "SENT", due.address(), due.attempts() + 1, null, null);
                sent++;
            } catch (RuntimeException e) {
                int attempts = due.attempts() + 1;
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                boolean last = attempts >= MAX_ATTEMPTS;
                mark(due.id(), last ? "FAILED" : "PENDING", due.address(), attempts, error,
                        last ? null : clock.instant().plus(Duration.ofMinutes(attempts * 2L)));
                LOG.warnf("Could not email notification %s to %s (attempt %d of %d): %s", due.id(), due.address(), attempts,
                        MAX_ATTEMPTS, error);
            }
        }
        return sent;
    }

    /** Takes up to 50 due notifications (SKIP LOCKED, so two instances never send one twice) and marks them SENDING. */
    private List<Due> claim() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                WITH picked AS (
                    SELECT n.id FROM notification n
                    WHERE (n.email_status = 'PENDING' AND (n.email_next_at IS NULL OR n.email_next_at <= ?))
                       OR (n.email_status = 'SENDING' AND n.email_claimed_at < ?)
                    ORDER BY n.created_at, n.id LIMIT 50 FOR UPDATE SKIP LOCKED)
                UPDATE notification n SET email_status = 'SENDING', email_claimed_at = ?
                FROM picked, district d LEFT JOIN safety_settings s ON s.district_id = d.id
                WHERE n.id = picked.id AND d.id = n.district_id
                RETURNING n.id, n.district_id, d.name, n.kind, n.title, n.body, n.run_id, s.notification_email, n.email_attempts""")) {
            Jdbc.bind(ps, now, now.minus(STALE_CLAIM), now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8), rs.getInt(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return due;
    }

    private void mark(UUID id, String status, String to, int attempts, String error, Instant nextAttempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                Jdbc.update(c, """
                        UPDATE notification SET email_status = ?, email_to = ?, email_attempts = ?, email_error = ?, email_next_at = ?,
                               emailed_at = CASE WHEN ? = 'SENT' THEN ? ELSE emailed_at END, email_claimed_at = NULL
                        WHERE id = ?""", status, to, attempts, error, nextAttempt, status, clock.instant(), id);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String subject(Due due) {
        return "[Rosterline] " + due.title() + " (" + due.districtName() + ")";
    }

    /** Plain language, with the one link the admin needs. */
    String text(Due due) {
        String appUrl = config.appUrl();
        String base = appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl;
        String district = base + "/districts/" + due.districtId();
        String link = switch (due.kind()) {
            case "RUN_HELD" -> "Review the held run, then approve or discard it: " + district + "/imports?run=" + due.runId();
            case "RUN_FAILED" -> "See the run and what went wrong: " + district + "/imports?run=" + due.runId();
            case "OVERRIDE_FORGOTTEN" -> "Check the term dates: " + district + "/term-dates";
            default -> due.runId() != null ? "See the run: " + district + "/imports?run=" + due.runId() : "Open Rosterline: " + district;
        };
        return "Hello,\n\n" + due.title() + " in " + due.districtName() + ".\n\n" + due.body() + "\n\n" + link + "\n\n"
                + "You receive this because " + due.address() + " is the notification address in the safety settings of "
                + due.districtName() + " in Rosterline.\n";
    }
}
