package io.rosterline.api.selection;

import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.district.District;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The SCHOOLS and COURSES steps of the checklist. */
public final class SelectionChecklist {

    private SelectionChecklist() {
    }

    @ApplicationScoped
    public static class Schools implements ChecklistContributor {
        @Inject
        SchoolService schools;

        @Override
        public ChecklistStep step() {
            return ChecklistStep.SCHOOLS;
        }

        @Override
        public StepStatus evaluate(District district) {
            long known = schools.knownCount(district.id);
            if (known == 0) {
                return StepStatus.notStarted("No schools discovered yet", "Load the school list from your SIS");
            }
            long included = schools.includedCount(district.id);
            if (included == 0) {
                return StepStatus.notStarted("No schools chosen yet (" + known + " found)", ChecklistStep.SCHOOLS.firstAction);
            }
            return StepStatus.done(included + " of " + known + (known == 1 ? " school" : " schools") + " chosen");
        }
    }

    @ApplicationScoped
    public static class Courses implements ChecklistContributor {
        @Inject
        CourseService courses;

        @Override
        public ChecklistStep step() {
            return ChecklistStep.COURSES;
        }

        @Override
        public StepStatus evaluate(District district) {
            Map<String, Long> counts = courses.inclusionCounts(district.id);
            long explicit = counts.getOrDefault("EXPLICITLY_INCLUDED", 0L);
            long byRule = counts.getOrDefault("INCLUDED_BY_RULE", 0L);
            long visible = counts.entrySet().stream().filter(e -> !e.getKey().equals("SCHOOL_EXCLUDED")
                    && !e.getKey().equals("COURSE_INACTIVE")).mapToLong(Map.Entry::getValue).sum();
            if (visible == 0) {
                return StepStatus.notStarted("No courses discovered for the chosen schools yet", "Load the courses of the chosen schools");
            }
            long included = explicit + byRule;
            if (included == 0) {
                return StepStatus.notStarted("No courses chosen yet (" + visible + " found)", ChecklistStep.COURSES.firstAction);
            }
            return StepStatus.done(included + " of " + visible + " courses included" + (byRule > 0 ? " (" + byRule + " by rules)" : ""));
        }
    }
}
