package io.rosterline.api.schedule;

import io.rosterline.api.checklist.ChecklistService;
import io.rosterline.api.checklist.ChecklistView;
import io.rosterline.api.common.Problem;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.district.DistrictDtos.DistrictUpdate;
import io.rosterline.api.district.DistrictDtos.DistrictView;
import io.rosterline.api.district.DistrictService;
import io.rosterline.api.district.ScheduleMode;
import io.rosterline.api.schedule.ScheduleDtos.ScheduleUpdate;
import io.rosterline.api.schedule.ScheduleDtos.ScheduleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/** The district's sync schedule. Going live is the checklist's decision: refused while any blocking step is not done. */
@ApplicationScoped
@Transactional
public class ScheduleService {

    @Inject
    DistrictService districts;
    @Inject
    ChecklistService checklist;

    public ScheduleView get(UUID districtId) {
        DistrictView district = districts.get(districtId);
        ChecklistView view = checklist.checklist(districtId);
        return new ScheduleView(district.scheduleMode(), district.nightlyWindow(), district.timezone(), summary(district),
                view.readyToGoLive(), view.liveBlockers());
    }

    public ScheduleView update(UUID districtId, ScheduleUpdate request) {
        districts.get(districtId);
        if (request.mode() == null && request.nightlyWindow() == null && request.timezone() == null) {
            throw ProblemException.invalid("mode", "send mode, nightlyWindow or timezone to change");
        }
        if (request.nightlyWindow() != null || request.timezone() != null) {
            // Validates the time zone and window; a refusal rolls the whole request back.
            districts.update(districtId, new DistrictUpdate(null, null, null, request.timezone(), null, request.nightlyWindow()));
        }
        if (request.mode() == ScheduleMode.LIVE && districts.get(districtId).scheduleMode() != ScheduleMode.LIVE) {
            List<String> blockers = checklist.liveBlockers(districtId);
            if (!blockers.isEmpty()) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "The district cannot go live yet; " + blockers.size() + (blockers.size() == 1 ? " step is" : " steps are")
                                + " not done: " + String.join("; ", blockers) + ".",
                        blockers.stream().map(b -> new Problem.FieldError("mode", b)).toList());
            }
        }
        if (request.mode() != null) {
            districts.changeScheduleMode(districtId, request.mode());
        }
        return get(districtId);
    }

    /** "Syncs nightly 00:00–02:00 America/Los_Angeles", or why it does not. */
    static String summary(DistrictView district) {
        return switch (district.scheduleMode()) {
            case SETUP -> "Not syncing yet";
            case PAUSED -> "Paused; the nightly sync does not run";
            case LIVE -> "Syncs nightly " + district.nightlyWindow().start() + "\u2013" + district.nightlyWindow().end()
                    + " " + district.timezone();
        };
    }
}
