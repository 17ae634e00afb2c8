package io.rosterline.api.district;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/** The tenant: a school district and how and when it syncs. */
@Entity
@Table(name = "district")
public class District extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String state;
    @Column(name = "nces_id")
    public String ncesId;
    public String timezone;
    @Enumerated(EnumType.STRING)
    public RosterPlatform platform;
    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_mode")
    public ScheduleMode scheduleMode;
    @Column(name = "window_start")
    public LocalTime windowStart;
    @Column(name = "window_end")
    public LocalTime windowEnd;
    @Column(name = "archived_at")
    public Instant archivedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    public static District require(UUID id) {
        District district = findById(id);
        if (district == null) {
            throw io.rosterline.api.common.ProblemException.notFound("District " + id);
        }
        return district;
    }
}
