package io.rosterline.api.selection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Schools as the API shows and accepts them. */
public final class SchoolDtos {

    private SchoolDtos() {
    }

    @Schema(name = "School", description = "A school of the district's SIS, as last discovered, and whether the district processes it.",
            example = """
            {"sourcedId":"sch-001","name":"Harbor High School","identifier":"HHS","schoolType":"school","status":"active",
             "included":true,"discoveredAt":"2026-11-23T18:00:00Z"}""")
    public record SchoolView(String sourcedId, String name, String identifier, String schoolType, String status,
                             boolean included, Instant discoveredAt) {
    }

    @Schema(name = "SchoolChoice", description = "Include the school (true) or leave it out (false).",
            example = "{\"included\":true}")
    public record SchoolChoice(@NotNull(message = "say whether the school is included (true or false)") Boolean included) {
    }

    @Schema(name = "SchoolSelection", description = """
            Change many schools at once: either list them (include / exclude), or set every school matching an optional
            search with all=true and included=true|false.""",
            example = "{\"include\":[\"sch-001\",\"sch-002\"],\"exclude\":[\"sch-009\"]}")
    public record SchoolSelection(
            @Size(max = 10000, message = "send at most 10000 schools at once") List<String> include,
            @Size(max = 10000, message = "send at most 10000 schools at once") List<String> exclude,
            @Schema(description = "Apply 'included' to every school (matching 'search' when given).") Boolean all,
            @Schema(description = "With all=true: include (true) or exclude (false) them.") Boolean included,
            @Schema(description = "With all=true: only the schools whose name or identifier contains this text.") String search) {
    }

    @Schema(name = "SelectionResult", description = "What a bulk selection changed.",
            example = "{\"changed\":12,\"includedTotal\":14}")
    public record SelectionResult(long changed, long includedTotal) {
    }
}
