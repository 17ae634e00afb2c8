package io.rosterline.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem details: every 4xx and 5xx the API answers has this body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details", example = """
        {"type":"https://rosterline.io/problems/validation","title":"Some fields are not valid","status":400,
         "detail":"Check the highlighted fields and try again.","instance":"/api/v1/districts",
         "errors":[{"field":"timezone","message":"'Mars/Olympus' is not a known time zone, for example America/Los_Angeles"}]}""")
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://rosterline.io/problems/";

    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
