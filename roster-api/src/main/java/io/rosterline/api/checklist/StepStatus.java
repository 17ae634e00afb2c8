package io.rosterline.api.checklist;

/** What a feature says about its own checklist step. */
public record StepStatus(StepState state, String summary, String nextAction) {

    public static StepStatus notStarted(String summary, String nextAction) {
        return new StepStatus(StepState.NOT_STARTED, summary, nextAction);
    }

    public static StepStatus needsAttention(String summary, String nextAction) {
        return new StepStatus(StepState.NEEDS_ATTENTION, summary, nextAction);
    }

    public static StepStatus done(String summary) {
        return new StepStatus(StepState.DONE, summary, null);
    }
}
