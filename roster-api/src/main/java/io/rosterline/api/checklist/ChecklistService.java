package io.rosterline.api.checklist;

import io.rosterline.api.district.District;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class ChecklistService {

    private final Map<ChecklistStep, ChecklistContributor> contributors = new EnumMap<>(ChecklistStep.class);

    @Inject
    public ChecklistService(Instance<ChecklistContributor> all) {
        for (ChecklistContributor contributor : all) {
            ChecklistContributor previous = contributors.put(contributor.step(), contributor);
            if (previous != null) {
                throw new IllegalStateException("Two contributors for checklist step " + contributor.step());
            }
        }
    }

    public ChecklistView checklist(UUID districtId) {
        District district = District.require(districtId);
        List<ChecklistView.Step> steps = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        for (ChecklistStep step : ChecklistStep.values()) {
            StepStatus status = evaluate(step, district);
            steps.add(new ChecklistView.Step(step, step.title, status.state(), status.summary(), status.nextAction(), step.blocksGoLive));
            if (step.blocksGoLive && status.state() != StepState.DONE) {
                blockers.add(step.title + ": " + status.summary());
            }
        }
        return new ChecklistView(district.id, district.name, district.scheduleMode.name(), steps, blockers.isEmpty(), blockers);
    }

    /** The steps still keeping this district from going live, in checklist order. */
    public List<String> liveBlockers(UUID districtId) {
        return checklist(districtId).liveBlockers();
    }

    private StepStatus evaluate(ChecklistStep step, District district) {
        ChecklistContributor contributor = contributors.get(step);
        return contributor == null ? StepStatus.notStarted("Not started", step.firstAction) : contributor.evaluate(district);
    }
}
