package io.rosterline.api.licensing;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.licensing.LicensingDtos.Edition;
import io.rosterline.api.licensing.LicensingDtos.ProductView;
import io.rosterline.api.licensing.LicensingDtos.ProductWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The publisher's product catalogue, kept by support staff and read by everyone who maps licenses. */
@ApplicationScoped
@Transactional
public class ProductService {

    static final String COLUMNS = "p.id, p.sku, p.title, p.edition, p.active, p.created_at";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;

    public List<ProductView> list(boolean includeInactive) {
        return sql.list("SELECT " + COLUMNS + " FROM product p" + (includeInactive ? "" : " WHERE p.active")
                + " ORDER BY lower(p.title), p.sku", ProductService::view);
    }

    public ProductView get(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM product p WHERE p.id = ?", ProductService::view, id)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }

    public ProductView create(ProductWrite request) {
        String sku = request.sku().trim();
        requireUniqueSku(sku, null);
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO product (id, sku, title, edition, active) VALUES (?, ?, ?, ?, ?)",
                id, sku, request.title().trim(), request.edition(), request.active() == null || request.active());
        ProductView created = get(id);
        audit.record(null, "product.created", "product", id, null, created);
        return created;
    }

    public ProductView update(UUID id, ProductWrite request) {
        ProductView before = get(id);
        String sku = request.sku().trim();
        requireUniqueSku(sku, id);
        sql.update("UPDATE product SET sku = ?, title = ?, edition = ?, active = ? WHERE id = ?",
                sku, request.title().trim(), request.edition(), request.active() == null ? before.active() : request.active(), id);
        ProductView after = get(id);
        audit.record(null, "product.updated", "product", id, before, after);
        return after;
    }

    /**
     * The products behind these ids, refusing unknown or retired ones with a 400 naming the list entry.
     * Duplicates are ignored.
     */
    public List<ProductView> requireActive(String field, Collection<UUID> ids) {
        List<UUID> unique = ids.stream().distinct().toList();
        List<ProductView> found = unique.isEmpty() ? List.of() : sql.list("SELECT " + COLUMNS + " FROM product p WHERE p.id = ANY(?)",
                ProductService::view, (Object) unique.toArray(UUID[]::new));
        List<ProductView> ordered = new ArrayList<>();
        int index = 0;
        for (UUID id : ids) {
            ProductView product = found.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (product == null) {
                throw ProblemException.invalid(field + "[" + index + "]", "no product has the id " + id);
            }
            if (!product.active()) {
                throw ProblemException.invalid(field + "[" + index + "]", product.title() + " is retired and can no longer be licensed");
            }
            if (!ordered.contains(product)) {
                ordered.add(product);
            }
            index++;
        }
        return ordered;
    }

    /** One active product, refused with a 400 naming the field when unknown or retired. */
    public ProductView requireActive(String field, UUID id) {
        ProductView product = sql.one("SELECT " + COLUMNS + " FROM product p WHERE p.id = ?", ProductService::view, id)
                .orElseThrow(() -> ProblemException.invalid(field, "no product has the id " + id));
        if (!product.active()) {
            throw ProblemException.invalid(field, product.title() + " is retired and can no longer be licensed");
        }
        return product;
    }

    private void requireUniqueSku(String sku, UUID self) {
        long clashes = self == null
                ? sql.count("SELECT count(*) FROM product WHERE lower(sku) = lower(?)", sku)
                : sql.count("SELECT count(*) FROM product WHERE lower(sku) = lower(?) AND id <> ?", sku, self);
        if (clashes > 0) {
            throw ProblemException.invalid("sku", "another product already has the SKU " + sku);
        }
    }

    static ProductView view(ResultSet rs) throws SQLException {
        return new ProductView(SqlRunner.uuid(rs, "id"), rs.getString("sku"), rs.getString("title"),
                Edition.valueOf(rs.getString("edition")), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
