package io.rosterline.api.checklist;

/** The Integration Settings Checklist, in the order an admin walks it. */
public enum ChecklistStep {
    CREDENTIALS("Connect your student information system", "Enter your SIS connection details", true),
    SCHOOLS("Choose schools", "Choose the schools to process", true),
    COURSES("Choose courses", "Choose the courses to process", true),
    LICENSES("Map licenses to courses", "Map each course to its licenses", true),
    STAGED_REVIEW("Import and review", "Run a manual import and review the staged data", true),
    TERM_DATES("Term dates", "Review term dates and set overrides if needed", false),
    LICENSE_POOL("License pool", "Set your license pools to rostered", true),
    READINESS_REVIEW("Readiness review", "Review existing accounts for duplicates and conflicts", true),
    SCHEDULE("Schedule", "Go live when every step above is done", false);

    public final String title;
    public final String firstAction;
    /** Whether the district may not go live until this step is done. */
    public final boolean blocksGoLive;

    ChecklistStep(String title, String firstAction, boolean blocksGoLive) {
        this.title = title;
        this.firstAction = firstAction;
        this.blocksGoLive = blocksGoLive;
    }
}
