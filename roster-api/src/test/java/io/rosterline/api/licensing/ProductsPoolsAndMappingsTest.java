package io.rosterline.api.licensing;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ProductsPoolsAndMappingsTest {

    @Test
    void support_keeps_the_catalogue_and_district_roles_may_only_read_it() {
        UUID product = Setup.product("Catalogue Geometry TE", "TEACHER");
        UUID harbor = Districts.harbor();
        Map<String, Object> body = Map.of("sku", "SNEAKY-" + UUID.randomUUID().toString().substring(0, 6), "title", "Sneaky", "edition", "TEACHER");
        as(Tokens.districtAdmin(harbor)).body(body).post("/api/v1/products")
                .then().statusCode(403).contentType("application/problem+json");
        as(Tokens.integrator(harbor)).body(body).put("/api/v1/products/" + product)
                .then().statusCode(403).contentType("application/problem+json");
        as(Tokens.districtAdmin(harbor)).get("/api/v1/products").then().statusCode(200).body("id", hasItem(product.toString()));
        as(Tokens.integrator(harbor)).get("/api/v1/products/" + product).then().statusCode(200).body("title", equalTo("Catalogue Geometry TE"));
    }

    @Test
    void a_product_with_a_bad_or_taken_sku_is_refused_naming_the_sku_and_nothing_changes() {
        UUID product = Setup.product("Catalogue Biology SE", "STUDENT");
        String sku = as(Tokens.support()).get("/api/v1/products/" + product).then().extract().path("sku");
        as(Tokens.support()).body(Map.of("sku", "has spaces!", "title", "Bad", "edition", "STUDENT")).post("/api/v1/products")
                .then().statusCode(400).body("errors[0].field", equalTo("sku"));
        as(Tokens.support()).body(Map.of("sku", sku.toLowerCase(), "title", "Copy", "edition", "STUDENT")).post("/api/v1/products")
                .then().statusCode(400).body("errors[0].field", equalTo("sku")).body("errors[0].message", containsString("already"));
        as(Tokens.support()).body(Map.of("sku", sku, "title", "Renamed", "edition", "BOTH")).put("/api/v1/products/" + product)
                .then().statusCode(400).body("errors[0].field", equalTo("edition"));
        as(Tokens.support()).get("/api/v1/products/" + product).then().body("title", equalTo("Catalogue Biology SE"));
        as(Tokens.support()).body(Map.of("sku", sku, "title", "Catalogue Biology SE", "edition", "STUDENT", "active", false))
                .put("/api/v1/products/" + product).then().statusCode(200).body("active", equalTo(false));
        as(Tokens.support()).get("/api/v1/products").then().body("id", org.hamcrest.Matchers.not(hasItem(product.toString())));
    }

    @Test
    void bad_pools_are_refused_naming_the_field_and_the_pool_list_stays_as_it_was() {
        UUID district = Districts.fresh("Pools SD");
        String admin = Tokens.districtAdmin(district);
        UUID product = Setup.product("Pools Chemistry TE", "TEACHER");
        as(admin).body(Map.of("productId", product.toString(), "seats", 5, "startDate", "2027-06-30", "endDate", "2026-07-01", "mode", "ROSTERED"))
                .post(base(district) + "/license-pools").then().statusCode(400).body("errors[0].field", equalTo("endDate"));
        as(admin).body(Map.of("productId", UUID.randomUUID().toString(), "seats", 5, "startDate", "2026-07-01", "endDate", "2027-06-30", "mode", "ROSTERED"))
                .post(base(district) + "/license-pools").then().statusCode(400).body("errors[0].field", equalTo("productId"));
        as(admin).body(Map.of("productId", product.toString(), "seats", -1, "startDate", "2026-07-01", "endDate", "2027-06-30", "mode", "ROSTERED"))
                .post(base(district) + "/license-pools").then().statusCode(400).body("errors[0].field", equalTo("seats"));
        as(admin).body(Map.of("productId", product.toString(), "seats", 5, "startDate", "July 1st", "endDate", "2027-06-30", "mode", "ROSTERED"))
                .post(base(district) + "/license-pools").then().statusCode(400).body("errors[0].field", equalTo("startDate"));
        as(admin).get(base(district) + "/license-pools").then().statusCode(200).body("", hasSize(0));

        UUID pool = Setup.pool(district, product, 5, "ROSTERED");
        as(admin).get(base(district) + "/license-pools").then().body("", hasSize(1))
                .body("[0].seatsUsed", equalTo(0)).body("[0].seatsRemaining", equalTo(5)).body("[0].productTitle", equalTo("Pools Chemistry TE"));
        as(admin).delete(base(district) + "/license-pools/" + pool).then().statusCode(204);
        as(admin).get(base(district) + "/license-pools").then().body("", hasSize(0));
    }

    @Test
    void another_districts_admin_cannot_see_or_change_its_pools() {
        UUID district = Districts.fresh("Private Pools SD");
        UUID pool = Setup.pool(district, Setup.product("Private Physics TE", "TEACHER"), 3, "MANUAL");
        as(Tokens.districtAdmin(Districts.harbor())).get(base(district) + "/license-pools/" + pool).then().statusCode(403);
        as(Tokens.districtAdmin(Districts.harbor())).delete(base(district) + "/license-pools/" + pool).then().statusCode(403);
        as(Tokens.districtAdmin(district)).get(base(district) + "/license-pools/" + pool).then().statusCode(200);
    }

    @Test
    void a_course_mapping_to_an_unknown_product_is_refused_and_the_mapping_stays() {
        UUID district = Setup.districtWithHighSchool("Mapping SD");
        String admin = Tokens.districtAdmin(district);
        UUID product = Setup.product("Mapping Algebra TE", "TEACHER");
        as(admin).body(Map.of("productIds", List.of(product))).put(base(district) + "/courses/crs-00025/licenses").then().statusCode(200);
        as(admin).body(Map.of("productIds", List.of(product, UUID.randomUUID()))).put(base(district) + "/courses/crs-00025/licenses")
                .then().statusCode(400).body("errors[0].field", equalTo("productIds[1]"));
        as(admin).body(Map.of("courseSourcedIds", List.of("crs-00026", "crs-gone"), "productIds", List.of(product)))
                .post(base(district) + "/course-licenses").then().statusCode(400).body("errors[0].field", equalTo("courseSourcedIds"));
        as(admin).get(base(district) + "/courses/crs-00025/licenses").then().body("products.id", equalTo(List.of(product.toString())));
        as(admin).get(base(district) + "/courses/crs-00026/licenses").then().body("products", hasSize(0));
        as(admin).get(base(district) + "/courses/crs-00025").then().body("productIds", equalTo(List.of(product.toString())));
        as(admin).body(Map.of("productIds", List.of())).put(base(district) + "/courses/crs-00025/licenses")
                .then().statusCode(200).body("products", hasSize(0));
    }
}
