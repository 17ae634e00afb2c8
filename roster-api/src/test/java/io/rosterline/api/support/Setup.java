package io.rosterline.api.support;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;

/** Given-steps for the checklist tests: a district with its SIS data loaded, products, pools, and the checklist's word. */
public final class Setup {

    public static final String HIGH_SCHOOL = "sch-0002";
    public static final String ELEMENTARY = "sch-0001";
    /** Mathematics Grade 09 .. 12 at the high school. */
    public static final List<String> HIGH_SCHOOL_MATH = List.of("crs-00025", "crs-00029", "crs-00033", "crs-00037");
    public static final String SCIENCE_09 = "crs-00027";
    public static final String FALL_TERM = "as-2027-t1";

    private Setup() {
    }

    public static String base(UUID district) {
        return "/api/v1/districts/" + district;
    }

    /** A fresh district connected to the sandbox SIS. */
    public static UUID connectedDistrict(String name) {
        UUID district = Districts.fresh(name);
        SandboxSis.connect(district);
        return district;
    }

    /** A fresh connected district whose schools are loaded from the sandbox SIS and whose high school is included. */
    public static UUID districtWithHighSchool(String name) {
        UUID district = connectedDistrict(name);
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/schools/refresh").then().statusCode(200);
        as(admin).body(Map.of("included", true)).put(base(district) + "/schools/" + HIGH_SCHOOL).then().statusCode(200);
        as(admin).post(base(district) + "/courses/refresh").then().statusCode(200);
        return district;
    }

    /** A product in the catalogue, added by support, with a SKU no other test uses. */
    public static UUID product(String title, String edition) {
        String sku = title.replaceAll("[^A-Za-z0-9]", "").toUpperCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return UUID.fromString(as(Tokens.support()).body(Map.of("sku", sku, "title", title, "edition", edition))
                .post("/api/v1/products").then().statusCode(201).extract().path("id"));
    }

    public static UUID pool(UUID district, UUID product, int seats, String mode) {
        return UUID.fromString(as(Tokens.districtAdmin(district))
                .body(Map.of("productId", product.toString(), "seats", seats, "startDate", "2026-07-01", "endDate", "2027-06-30",
                        "purchaseOrder", "PO-" + seats, "mode", mode))
                .post(base(district) + "/license-pools").then().statusCode(201).extract().path("id"));
    }

    /** The state and summary of one checklist step, as the admin sees it. */
    public static StepView step(UUID district, String key) {
        JsonPath checklist = as(Tokens.districtAdmin(district)).get(base(district) + "/checklist")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> step = checklist.getMap("steps.find { it.key == '" + key + "' }");
        return new StepView((String) step.get("state"), (String) step.get("summary"));
    }

    public record StepView(String state, String summary) {
    }
}
