package io.rosterline.api.selection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a refresh of the discovery cache found. */
public final class DiscoveryDtos {

    private DiscoveryDtos() {
    }

    @Schema(name = "RefreshResult", description = """
            discovered: records the SIS returned; added: new to the cache; updated: changed since the last refresh;
            removed: no longer returned by the SIS (kept, marked tobedeleted, choices preserved); skipped: unusable records.""",
            example = "{\"what\":\"schools\",\"discovered\":42,\"added\":3,\"updated\":1,\"removed\":0,\"skipped\":0}")
    public record RefreshResult(String what, long discovered, long added, long updated, long removed, long skipped) {
    }
}
