package io.rosterline.api.licensing;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Products, license pools and course-to-license mappings as the API shows and accepts them. */
public final class LicensingDtos {

    private LicensingDtos() {
    }

    public enum Edition { TEACHER, STUDENT }

    /** ROSTERED pools are filled by the nightly sync; MANUAL pools only by hand. */
    public enum PoolMode { ROSTERED, MANUAL }

    @Schema(name = "Product", example = """
            {"id":"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f","sku":"MATH-ALG1-TE","title":"Algebra I Teacher Edition",
             "edition":"TEACHER","active":true,"createdAt":"2026-11-23T18:00:00Z"}""")
    public record ProductView(UUID id, String sku, String title, Edition edition, boolean active, Instant createdAt) {
    }

    @Schema(name = "ProductWrite", description = "A catalogue product. Support staff only.", example = """
            {"sku":"MATH-ALG1-TE","title":"Algebra I Teacher Edition","edition":"TEACHER","active":true}""")
    public record ProductWrite(
            @NotBlank(message = "enter the product's SKU") @Size(max = 64, message = "keep the SKU under 64 characters")
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "use letters, digits, dot, dash and underscore, for example MATH-ALG1-TE") String sku,
            @NotBlank(message = "enter the product's title") @Size(max = 200, message = "keep the title under 200 characters") String title,
            @NotNull(message = "choose TEACHER or STUDENT") Edition edition,
            @Schema(description = "Defaults to true.") Boolean active) {
    }

    @Schema(name = "LicensePool", description = "Seats the district bought for one product; seatsUsed counts every assignment "
            + "(rostered, sticky and manual) from the pool.", example = """
            {"id":"7a1e0c2b-9d3f-4b6a-8c5d-1e2f3a4b5c6d","productId":"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f","productSku":"MATH-ALG1-TE",
             "productTitle":"Algebra I Teacher Edition","edition":"TEACHER","seats":40,"seatsUsed":12,"seatsRemaining":28,
             "startDate":"2026-07-01","endDate":"2027-06-30","purchaseOrder":"PO-2026-118","mode":"ROSTERED","coversToday":true,
             "createdAt":"2026-11-23T18:00:00Z","updatedAt":"2026-11-23T18:00:00Z"}""")
    public record PoolView(UUID id, UUID productId, String productSku, String productTitle, Edition edition, int seats,
                           long seatsUsed, long seatsRemaining, LocalDate startDate, LocalDate endDate, String purchaseOrder,
                           PoolMode mode, boolean coversToday, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "LicensePoolWrite", example = """
            {"productId":"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f","seats":40,"startDate":"2026-07-01","endDate":"2027-06-30",
             "purchaseOrder":"PO-2026-118","mode":"ROSTERED"}""")
    public record PoolWrite(
            @NotNull(message = "choose the product") UUID productId,
            @NotNull(message = "enter the number of seats") @Min(value = 0, message = "must be 0 or more") Integer seats,
            @NotNull(message = "enter the first day of the license") LocalDate startDate,
            @NotNull(message = "enter the last day of the license") LocalDate endDate,
            @Size(max = 100, message = "keep the purchase order under 100 characters") String purchaseOrder,
            @NotNull(message = "choose ROSTERED (filled by the sync) or MANUAL") PoolMode mode) {
    }

    @Schema(name = "CourseLicenses", example = """
            {"courseSourcedId":"crs-alg1","products":[{"id":"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f","sku":"MATH-ALG1-TE",
             "title":"Algebra I Teacher Edition","edition":"TEACHER","active":true,"createdAt":"2026-11-23T18:00:00Z"}]}""")
    public record CourseLicenses(String courseSourcedId, List<ProductView> products) {
    }

    @Schema(name = "CourseLicensesWrite", description = "The complete set of products this course grants; an empty list removes them all.",
            example = "{\"productIds\":[\"5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f\",\"6a1d7b4f-3e2c-4d0a-8f4e-1b2c3d4e5f60\"]}")
    public record CourseLicensesWrite(
            @NotNull(message = "list the product ids (an empty list removes every license)")
            @Size(max = 50, message = "at most 50 products per course") List<@NotNull(message = "must be a product id") UUID> productIds) {
    }

    @Schema(name = "BulkCourseLicenses", description = """
            Map several courses at once. replace=false adds the products to each course's licenses; replace=true makes them
            each course's complete set.""", example = """
            {"courseSourcedIds":["crs-alg1","crs-alg2"],"productIds":["5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f"],"replace":false}""")
    public record BulkCourseLicenses(
            @NotEmpty(message = "list the courses to map") @Size(max = 50000, message = "send at most 50000 courses at once")
            List<@NotBlank(message = "must be a course id") String> courseSourcedIds,
            @NotNull(message = "list the product ids") @Size(max = 50, message = "at most 50 products")
            List<@NotNull(message = "must be a product id") UUID> productIds,
            Boolean replace) {
    }

    @Schema(name = "BulkCourseLicensesResult", example = "{\"courses\":2,\"mappingsAdded\":2,\"mappingsRemoved\":0}")
    public record BulkCourseLicensesResult(int courses, long mappingsAdded, long mappingsRemoved) {
    }
}
