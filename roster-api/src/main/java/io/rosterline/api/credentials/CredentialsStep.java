package io.rosterline.api.credentials;

import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.district.District;
import io.rosterline.api.sftp.SftpAccountService;
import io.rosterline.api.sftp.UploadService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Checklist step CREDENTIALS: DONE when the SIS connection checked VALID, or (CSV districts) an upload passed its check. */
@ApplicationScoped
public class CredentialsStep implements ChecklistContributor {

    @Inject
    UploadService uploads;
    @Inject
    SftpAccountService sftp;

    @Override
    public ChecklistStep step() {
        return ChecklistStep.CREDENTIALS;
    }

    @Override
    public StepStatus evaluate(District district) {
        if (district.platform.sendsFiles()) {
            return uploads.checklistStatus(district.id, sftp.uploadInstruction(district.id));
        }
        SisCredentials c = SisCredentials.findById(district.id);
        if (c == null) {
            return StepStatus.notStarted("No connection details yet", ChecklistStep.CREDENTIALS.firstAction);
        }
        return switch (c.validationStatus) {
            case VALID -> StepStatus.done("Connected to " + c.validationMessage);
            case INVALID -> StepStatus.needsAttention(c.validationMessage, "Fix the connection details and save again");
            case NOT_CHECKED -> StepStatus.needsAttention(
                    c.validationMessage == null ? "Saved but not checked yet" : c.validationMessage, "Check the connection");
        };
    }
}
