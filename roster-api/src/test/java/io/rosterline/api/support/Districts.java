package io.rosterline.api.support;

import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;

/** Given-steps shared by the tests: districts that exist. */
public final class Districts {

    private Districts() {
    }

    /** Creates the district with this id unless it already exists (tests share one database per run). */
    public static UUID ensure(UUID id, String name) {
        int status = as(Tokens.support()).get("/api/v1/districts/" + id).statusCode();
        if (status == 404) {
            as(Tokens.support()).body(Map.of("id", id.toString(), "name", name, "state", "CA"))
                    .post("/api/v1/districts").then().statusCode(201);
        }
        return id;
    }

    public static UUID harbor() {
        return ensure(Tokens.HARBOR, "Harbor Unified");
    }

    public static UUID lakeside() {
        return ensure(Tokens.LAKESIDE, "Lakeside County Schools");
    }

    /** A district no other test touches. */
    public static UUID fresh(String name) {
        return ensure(UUID.randomUUID(), name);
    }
}
