package io.rosterline.api.terms;

import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.district.District;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** TERM_DATES: done when the terms are known and no passed override start date is still set. */
@ApplicationScoped
public class TermsChecklist implements ChecklistContributor {

    @Inject
    TermService terms;

    @Override
    public ChecklistStep step() {
        return ChecklistStep.TERM_DATES;
    }

    @Override
    public StepStatus evaluate(District district) {
        long count = terms.count(district.id);
        if (count == 0) {
            return StepStatus.notStarted("No terms discovered yet", "Load the terms from your SIS");
        }
        List<String> stale = terms.staleOverrideWarnings(district);
        if (!stale.isEmpty()) {
            return StepStatus.needsAttention(stale.get(0) + (stale.size() > 1 ? " (and " + (stale.size() - 1) + " more)" : ""),
                    "Remove override start dates that have passed");
        }
        long adjusted = terms.adjustedCount(district.id);
        return StepStatus.done(count + (count == 1 ? " term" : " terms") + (adjusted > 0 ? ", " + adjusted + " with adjusted dates" : ""));
    }
}
