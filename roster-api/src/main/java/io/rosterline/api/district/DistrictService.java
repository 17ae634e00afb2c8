package io.rosterline.api.district;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.district.DistrictDtos.DistrictCreate;
import io.rosterline.api.district.DistrictDtos.DistrictUpdate;
import io.rosterline.api.district.DistrictDtos.DistrictView;
import io.rosterline.api.district.DistrictDtos.NightlyWindow;
import io.rosterline.api.security.CurrentUser;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class DistrictService {

    public static final String DEFAULT_TIMEZONE = "America/Los_Angeles";

    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;

    public PageResult<DistrictView> list(String search, boolean includeArchived, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!currentUser.isSupport()) {
            where.append(" and id in :ids");
            params.and("ids", currentUser.districtIds().isEmpty() ? List.of(new UUID(0, 0)) : currentUser.districtIds());
        }
        if (!includeArchived) {
            where.append(" and archivedAt is null");
        }
        if (search != null && !search.isBlank()) {
            where.append(" and lower(name) like :search");
            params.and("search", "%" + search.toLowerCase().trim() + "%");
        }
        var query = District.find(where + " order by lower(name), id", params);
        long total = query.count();
        List<DistrictView> items = PageResult.startsPastEnd(page, size, total) ? List.of()
                : query.page(page, size).<District>list().stream().map(DistrictView::of).toList();
        return new PageResult<>(items, page, size, total);
    }

    public DistrictView get(UUID id) {
        return DistrictView.of(District.require(id));
    }

    public DistrictView create(DistrictCreate request) {
        UUID id = request.id() != null ? request.id() : UUID.randomUUID();
        if (District.findById(id) != null) {
            throw ProblemException.conflict("A district with id " + id + " already exists.");
        }
        requireUniqueNces(request.ncesId(), id);
        District district = new District();
        district.id = id;
        district.name = request.name().trim();
        district.state = request.state();
        district.ncesId = request.ncesId();
        district.timezone = validTimezone(request.timezone() == null ? DEFAULT_TIMEZONE : request.timezone());
        district.platform = request.platform() == null ? RosterPlatform.ONEROSTER_API : request.platform();
        district.scheduleMode = ScheduleMode.SETUP;
        NightlyWindow window = request.nightlyWindow() == null ? new NightlyWindow("00:00", "02:00") : request.nightlyWindow();
        applyWindow(district, window);
        district.createdAt = Instant.now();
        district.updatedAt = district.createdAt;
        district.persist();
        DistrictView view = DistrictView.of(district);
        audit.record(id, "district.created", "district", id, null, view);
        return view;
    }

    public DistrictView update(UUID id, DistrictUpdate request) {
        District district = District.require(id);
        if (!currentUser.isSupport()) {
            List<String> supportOnly = new ArrayList<>();
            if (request.name() != null) supportOnly.add("name");
            if (request.state() != null) supportOnly.add("state");
            if (request.ncesId() != null) supportOnly.add("ncesId");
            if (!supportOnly.isEmpty()) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only Rosterline support can change "
                        + String.join(", ", supportOnly) + ".",
                        supportOnly.stream().map(f -> new io.rosterline.api.common.Problem.FieldError(f, "only support staff can change this")).toList());
            }
        }
        DistrictView before = DistrictView.of(district);
        if (request.timezone() != null) {
            district.timezone = validTimezone(request.timezone());
        }
        if (request.name() != null) {
            district.name = request.name().trim();
        }
        if (request.state() != null) {
            district.state = request.state();
        }
        if (request.ncesId() != null) {
            requireUniqueNces(request.ncesId(), id);
            district.ncesId = request.ncesId();
        }
        if (request.platform() != null) {
            district.platform = request.platform();
        }
        if (request.nightlyWindow() != null) {
            applyWindow(district, request.nightlyWindow());
        }
        district.updatedAt = Instant.now();
        District.flush();
        DistrictView after = DistrictView.of(district);
        audit.record(id, "district.updated", "district", id, before, after);
        return after;
    }

    public DistrictView archive(UUID id) {
        District district = District.require(id);
        DistrictView before = DistrictView.of(district);
        if (district.archivedAt == null) {
            district.archivedAt = Instant.now();
            district.scheduleMode = ScheduleMode.PAUSED;
            district.updatedAt = district.archivedAt;
            District.flush();
            audit.record(id, "district.archived", "district", id, before, DistrictView.of(district));
        }
        return DistrictView.of(district);
    }

    /** Changes the schedule mode; the checklist decides beforehand whether going live is allowed. */
    public DistrictView changeScheduleMode(UUID id, ScheduleMode mode) {
        District district = District.require(id);
        DistrictView before = DistrictView.of(district);
        if (district.scheduleMode != mode) {
            district.scheduleMode = mode;
            district.updatedAt = Instant.now();
            District.flush();
            audit.record(id, "schedule.mode-changed", "district", id, before, DistrictView.of(district));
        }
        return DistrictView.of(district);
    }

    private static void applyWindow(District district, NightlyWindow window) {
        LocalTime start = LocalTime.parse(window.start());
        LocalTime end = LocalTime.parse(window.end());
        if (start.equals(end)) {
            throw ProblemException.invalid("nightlyWindow.end", "the window must end at a different time than it starts");
        }
        district.windowStart = start;
        district.windowEnd = end;
    }

    private static void requireUniqueNces(String ncesId, UUID self) {
        if (ncesId != null && District.count("ncesId = ?1 and id <> ?2", ncesId, self) > 0) {
            throw ProblemException.invalid("ncesId", "another district already has NCES id " + ncesId);
        }
    }

    static String validTimezone(String timezone) {
        try {
            if (!timezone.contains("/")) {
                throw new DateTimeException("not a region id");
            }
            return ZoneId.of(timezone).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timezone", "'" + timezone + "' is not a known time zone; use a name such as America/Los_Angeles");
        }
    }
}
