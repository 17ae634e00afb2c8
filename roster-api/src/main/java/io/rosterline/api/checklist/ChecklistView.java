package io.rosterline.api.checklist;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "Checklist", description = "The Integration Settings Checklist of one district, in order.", example = """
        {"districtId":"d1000000-0000-4000-8000-000000000001","districtName":"Harbor Unified","scheduleMode":"SETUP",
         "steps":[{"key":"CREDENTIALS","title":"Connect your student information system","state":"DONE",
                   "summary":"Connected to Harbor Unified, 42 schools","nextAction":null,"blocksGoLive":true},
                  {"key":"SCHOOLS","title":"Choose schools","state":"NOT_STARTED","summary":"No schools chosen yet",
                   "nextAction":"Choose the schools to process","blocksGoLive":true}],
         "readyToGoLive":false,"liveBlockers":["Choose schools: No schools chosen yet"]}""")
public record ChecklistView(UUID districtId, String districtName, String scheduleMode, List<Step> steps,
                            boolean readyToGoLive, List<String> liveBlockers) {

    @Schema(name = "ChecklistStep")
    public record Step(ChecklistStep key, String title, StepState state, String summary, String nextAction,
                       boolean blocksGoLive) {
    }
}
