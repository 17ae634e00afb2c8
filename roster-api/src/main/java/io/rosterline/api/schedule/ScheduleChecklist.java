package io.rosterline.api.schedule;

import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.district.District;
import jakarta.enterprise.context.ApplicationScoped;

/** SCHEDULE: SETUP is not started, PAUSED needs attention, LIVE is done. */
@ApplicationScoped
public class ScheduleChecklist implements ChecklistContributor {

    @Override
    public ChecklistStep step() {
        return ChecklistStep.SCHEDULE;
    }

    @Override
    public StepStatus evaluate(District district) {
        return switch (district.scheduleMode) {
            case SETUP -> StepStatus.notStarted("Not syncing yet", ChecklistStep.SCHEDULE.firstAction);
            case PAUSED -> StepStatus.needsAttention("Paused; the nightly sync does not run", "Resume the nightly sync");
            case LIVE -> StepStatus.done("Syncs nightly " + district.windowStart + "\u2013" + district.windowEnd + " " + district.timezone);
        };
    }
}
