package io.rosterline.api.checklist;

public enum StepState {
    NOT_STARTED, NEEDS_ATTENTION, DONE
}
