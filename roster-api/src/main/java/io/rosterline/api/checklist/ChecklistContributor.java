package io.rosterline.api.checklist;

import io.rosterline.api.district.District;

/**
 * A feature that owns a checklist step implements this as a CDI bean; the checklist finds it by {@link #step()}.
 * A step nobody contributes yet reads "not started", so the checklist's shape never changes as features land.
 */
public interface ChecklistContributor {

    ChecklistStep step();

    StepStatus evaluate(District district);
}
