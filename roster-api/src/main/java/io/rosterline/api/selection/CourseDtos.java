package io.rosterline.api.selection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Courses and course rules as the API shows and accepts them. */
public final class CourseDtos {

    private CourseDtos() {
    }

    /** Why a course is, or is not, processed. */
    public enum InclusionReason {
        COURSE_INACTIVE, SCHOOL_EXCLUDED, EXPLICITLY_INCLUDED, EXPLICITLY_EXCLUDED, EXCLUDED_BY_RULE, INCLUDED_BY_RULE, NO_CHOICE
    }

    public enum MatchField { SUBJECT, CODE, TITLE }

    public enum RuleEffect { INCLUDE, EXCLUDE }

    @Schema(name = "Course", description = """
            A course of the SIS. explicitChoice is the admin's own include (true) / exclude (false), null when the rules decide;
            effectivelyIncluded is what the sync uses, reason says why and ruleId names the deciding rule.""",
            example = """
            {"sourcedId":"crs-alg1","schoolSourcedId":"sch-001","title":"Algebra I","courseCode":"MATH-101","subjects":["Mathematics"],
             "grades":["09"],"status":"active","explicitChoice":null,"effectivelyIncluded":true,"reason":"INCLUDED_BY_RULE","ruleId":3,
             "productIds":["5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f"]}""")
    public record CourseView(String sourcedId, String schoolSourcedId, String title, String courseCode, List<String> subjects,
                             List<String> grades, String status, Boolean explicitChoice, boolean effectivelyIncluded,
                             InclusionReason reason, Long ruleId, List<UUID> productIds) {
    }

    @Schema(name = "CourseChoice", description = "true: include, false: exclude, null: no explicit choice, the course rules decide.",
            example = "{\"included\":true}")
    public record CourseChoice(Boolean included) {
    }

    @Schema(name = "CourseSelection", description = """
            Change many courses at once: list them (include / exclude / clear), or set every listed course (of the included
            schools, optionally matching search and school) with all=true and included=true|false|null (null clears the
            explicit choice, so the rules decide).""",
            example = "{\"include\":[\"crs-alg1\",\"crs-geo\"],\"exclude\":[\"crs-study-hall\"],\"clear\":[]}")
    public record CourseSelection(
            @Size(max = 50000, message = "send at most 50000 courses at once") List<String> include,
            @Size(max = 50000, message = "send at most 50000 courses at once") List<String> exclude,
            @Size(max = 50000, message = "send at most 50000 courses at once") List<String> clear,
            Boolean all,
            Boolean included,
            String search,
            @Schema(description = "With all=true: only this school's courses.") String school) {
    }

    @Schema(name = "CourseRule", example = """
            {"id":3,"matchField":"SUBJECT","pattern":"Math*","effect":"INCLUDE","matchingCourses":42,"createdAt":"2026-11-23T18:00:00Z"}""")
    public record CourseRuleView(long id, MatchField matchField, String pattern, RuleEffect effect, long matchingCourses,
                                 Instant createdAt) {
    }

    @Schema(name = "CourseRuleCreate", description = """
            A rule that includes or excludes every course whose subject, code or title matches the pattern, including courses
            that appear in later syncs. Patterns ignore letter case; * stands for any text and ? for one character.
            An EXCLUDE rule wins over an INCLUDE rule; an explicit choice on a course wins over both.""",
            example = "{\"matchField\":\"CODE\",\"pattern\":\"MATH-*\",\"effect\":\"INCLUDE\"}")
    public record CourseRuleCreate(
            @NotNull(message = "choose what to match: SUBJECT, CODE or TITLE") MatchField matchField,
            @NotBlank(message = "enter a pattern, for example MATH-* or *Algebra*") @Size(max = 200, message = "keep the pattern under 200 characters") String pattern,
            @NotNull(message = "choose INCLUDE or EXCLUDE") RuleEffect effect) {
    }
}
