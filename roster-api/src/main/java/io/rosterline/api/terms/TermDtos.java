package io.rosterline.api.terms;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Academic sessions (terms) as the API shows and accepts them. */
public final class TermDtos {

    private TermDtos() {
    }

    @Schema(name = "Term", description = """
            An academic session of the SIS. overrideStart lets access begin before the SIS start date; freezeEnd keeps access
            until a date after the SIS end date. effectiveStart/effectiveEnd are what the sync uses. warnings name anything
            the admin should fix, such as an override start date that has passed.""", example = """
            {"sourcedId":"term-fall-2026","title":"Fall 2026","type":"semester","startDate":"2026-08-24","endDate":"2026-12-18",
             "parentSourcedId":"sy-2026","overrideStart":"2026-08-20","freezeEnd":null,"effectiveStart":"2026-08-20",
             "effectiveEnd":"2026-12-18","warnings":["Override start date for Fall 2026 passed on 2026-08-20; remove it"]}""")
    public record TermView(String sourcedId, String title, String type, LocalDate startDate, LocalDate endDate,
                           String parentSourcedId, LocalDate overrideStart, LocalDate freezeEnd,
                           LocalDate effectiveStart, LocalDate effectiveEnd, List<String> warnings) {
    }

    @Schema(name = "TermOverride", description = """
            The admin's date adjustments; null removes one. overrideStart must be before the term's end date; freezeEnd must be
            after the term's start date.""", example = "{\"overrideStart\":\"2026-08-20\",\"freezeEnd\":\"2026-12-31\"}")
    public record TermOverride(@Schema(nullable = true, description = "null removes the override") LocalDate overrideStart,
                               @Schema(nullable = true, description = "null removes the freeze") LocalDate freezeEnd) {
    }
}
