package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.rosterline.api.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ends licenses whose grace period is over between runs. Usability never waits for this (the "why" answer and the
 * apply compare grace_until with the clock); it keeps the seat counts of pools true when no run comes by. One audit
 * entry per district and pass, by "system".
 */
@ApplicationScoped
public class GraceExpiry {

    private static final Logger LOG = Logger.getLogger(GraceExpiry.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    AuditTrail audit;

    @Scheduled(every = "${rosterline.safety.grace-expiry-every:10m}", identity = "license-grace-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        expire();
    }

    /** Deletes every ROSTERED assignment whose grace_until is before its district's today; returns how many. */
    @Transactional
    @ActivateRequestContext
    public int expire() {
        Map<UUID, List<String>> byDistrict = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                DELETE FROM license_assignment la USING district d, account a
                WHERE la.district_id = d.id AND a.id = la.account_id AND la.source = 'ROSTERED' AND la.grace_until IS NOT NULL
                  AND la.grace_until < (?::timestamptz AT TIME ZONE d.timezone)::date
                RETURNING la.district_id, COALESCE(a.sourced_id, a.id::text) || ' ' || la.product_id || ' (grace until ' || la.grace_until || ')'""")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byDistrict.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int total = 0;
        for (Map.Entry<UUID, List<String>> e : byDistrict.entrySet()) {
            List<String> ended = e.getValue();
            total += ended.size();
            audit.record(e.getKey(), "license.grace.expired", "license_assignment", null, null,
                    Map.of("count", ended.size(), "assignments", ended.stream().limit(100).toList()));
        }
        if (total > 0) {
            LOG.infof("Ended %d license(s) whose grace period was over, in %d district(s)", total, byDistrict.size());
        }
        return total;
    }
}
