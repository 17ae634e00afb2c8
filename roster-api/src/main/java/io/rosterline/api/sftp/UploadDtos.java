package io.rosterline.api.sftp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public final class UploadDtos {

    private UploadDtos() {
    }

    @Schema(name = "CsvUpload", description = "A OneRoster CSV zip a district uploaded over SFTP, and what its check found.",
            example = """
                    {"id":"6f1c2d3e-0000-4000-8000-000000000001","filename":"oneroster-2026-11-23.zip","sizeBytes":482133,
                     "uploadedAt":"2026-11-23T06:00:00Z","status":"ACCEPTED","reason":null,
                     "counts":{"orgs":43,"academicSessions":3,"courses":410,"classes":2100,"users":21000,"enrollments":150000},
                     "errorCount":1,"warningCount":12,"firstErrors":["users.csv line 17: no sourcedId; row skipped"]}""")
    public record UploadView(UUID id, String filename, long sizeBytes, Instant uploadedAt, CsvUpload.Status status,
                             String reason, Map<String, Long> counts, long errorCount, long warningCount,
                             List<String> firstErrors) {
    }

    /** How many errors the list shows; the detail view has all that were kept. */
    static final int ERRORS_IN_LIST = 5;
}
