package io.rosterline.api.district;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The district resource as the API shows and accepts it. */
public final class DistrictDtos {

    private DistrictDtos() {
    }

    @Schema(name = "NightlyWindow", description = "When the nightly sync may run, in the district's time zone (24-hour HH:MM).",
            example = "{\"start\":\"00:00\",\"end\":\"02:00\"}")
    public record NightlyWindow(
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "use 24-hour HH:MM, for example 00:00") String start,
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "use 24-hour HH:MM, for example 02:00") String end) {
    }

    @Schema(name = "District", example = """
            {"id":"d1000000-0000-4000-8000-000000000001","name":"Harbor Unified","state":"CA","ncesId":"0612345",
             "timezone":"America/Los_Angeles","platform":"ONEROSTER_API","scheduleMode":"SETUP",
             "nightlyWindow":{"start":"00:00","end":"02:00"},"archived":false,
             "createdAt":"2026-11-01T17:00:00Z","updatedAt":"2026-11-01T17:00:00Z"}""")
    public record DistrictView(UUID id, String name, String state, String ncesId, String timezone, RosterPlatform platform,
                               ScheduleMode scheduleMode, NightlyWindow nightlyWindow, boolean archived,
                               Instant createdAt, Instant updatedAt) {
        static DistrictView of(District d) {
            return new DistrictView(d.id, d.name, d.state, d.ncesId, d.timezone, d.platform, d.scheduleMode,
                    new NightlyWindow(d.windowStart.toString(), d.windowEnd.toString()), d.archivedAt != null,
                    d.createdAt, d.updatedAt);
        }
    }

    @Schema(name = "DistrictCreate", description = "A new district. Only support staff create districts.", example = """
            {"name":"Harbor Unified","state":"CA","ncesId":"0612345","timezone":"America/Los_Angeles","platform":"ONEROSTER_API",
             "nightlyWindow":{"start":"00:00","end":"02:00"}}""")
    public record DistrictCreate(
            @Schema(description = "Optional fixed id; generated when absent.") UUID id,
            @NotBlank(message = "enter the district's name") @Size(max = 200) String name,
            @NotBlank(message = "enter the two-letter state code") @Pattern(regexp = "[A-Z]{2}", message = "use the two-letter state code, for example CA") String state,
            @Pattern(regexp = "\\d{7}", message = "an NCES district id has 7 digits") String ncesId,
            String timezone,
            RosterPlatform platform,
            @Valid NightlyWindow nightlyWindow) {
    }

    @Schema(name = "DistrictUpdate", description = "Fields to change; absent fields stay as they are. District admins may change "
            + "timezone, platform and nightlyWindow; name, state and ncesId are for support staff.", example = """
            {"timezone":"America/Denver","nightlyWindow":{"start":"01:00","end":"03:00"}}""")
    public record DistrictUpdate(
            @Size(min = 1, max = 200, message = "enter the district's name") String name,
            @Pattern(regexp = "[A-Z]{2}", message = "use the two-letter state code, for example CA") String state,
            @Pattern(regexp = "\\d{7}", message = "an NCES district id has 7 digits") String ncesId,
            String timezone,
            RosterPlatform platform,
            @Valid NightlyWindow nightlyWindow) {
    }

    @Schema(name = "Me", description = "Who is signed in and what they may reach.", example = """
            {"actor":"harbor-admin","roles":["district-admin"],"districtIds":["d1000000-0000-4000-8000-000000000001"],"support":false}""")
    public record Me(String actor, java.util.Set<String> roles, java.util.Set<UUID> districtIds, boolean support) {
    }
}
