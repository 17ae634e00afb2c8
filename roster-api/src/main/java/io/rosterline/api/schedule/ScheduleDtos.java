package io.rosterline.api.schedule;

import io.rosterline.api.district.DistrictDtos.NightlyWindow;
import io.rosterline.api.district.ScheduleMode;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

public final class ScheduleDtos {

    private ScheduleDtos() {
    }

    @Schema(name = "Schedule", description = "When and whether the district syncs; liveBlockers lists what keeps it from going live.",
            example = """
            {"mode":"LIVE","nightlyWindow":{"start":"00:00","end":"02:00"},"timezone":"America/Los_Angeles",
             "summary":"Syncs nightly 00:00–02:00 America/Los_Angeles","readyToGoLive":true,"liveBlockers":[]}""")
    public record ScheduleView(ScheduleMode mode, NightlyWindow nightlyWindow, String timezone, String summary,
                               boolean readyToGoLive, List<String> liveBlockers) {
    }

    @Schema(name = "ScheduleUpdate", description = """
            Absent fields stay as they are. mode LIVE is refused (409) until every step that blocks going live is done.""",
            example = "{\"mode\":\"LIVE\",\"nightlyWindow\":{\"start\":\"00:00\",\"end\":\"02:00\"},\"timezone\":\"America/Los_Angeles\"}")
    public record ScheduleUpdate(ScheduleMode mode, @Valid NightlyWindow nightlyWindow, String timezone) {
    }
}
