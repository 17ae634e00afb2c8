package io.rosterline.api.licensing;

import io.rosterline.api.licensing.LicensingDtos.ProductView;
import io.rosterline.api.licensing.LicensingDtos.ProductWrite;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "The publisher's product catalogue. Support staff keep it; district roles read it.")
public class ProductResource {

    @Inject
    ProductService products;

    @GET
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "List the product catalogue",
            description = "The publisher's products (SKU, title, edition) that courses can be mapped to and pools bought for; "
                    + "active ones only unless includeInactive=true adds retired ones. Support staff, district admins and "
                    + "integrators (the catalogue is not district-specific).")
    public List<ProductView> list(@QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive) {
        return products.list(includeInactive);
    }

    @GET
    @Path("{productId}")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Read a product",
            description = "One product of the catalogue with its SKU, title, edition and whether it is still active. Support "
                    + "staff, district admins and integrators; 404 for an unknown product id.")
    public ProductView get(@PathParam("productId") UUID productId) {
        return products.get(productId);
    }

    @POST
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Add a product to the catalogue",
            description = "Support staff only. Answers 201 with the product (Location: the product). 400 names the field: a "
                    + "missing SKU or title, a SKU another product already has, an unknown edition.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "Added",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ProductView.class)))
    public Response create(@NotNull(message = "send the product as JSON") @Valid ProductWrite request, @Context UriInfo uriInfo) {
        ProductView created = products.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @PUT
    @Path("{productId}")
    @RolesAllowed(Roles.SUPPORT)
    @Operation(summary = "Change a product",
            description = "Support staff only. active=false retires it: existing mappings, pools and licenses stay, but no new "
                    + "mappings or pools can use it. 400 names an invalid field, 404 for an unknown product id.")
    public ProductView update(@PathParam("productId") UUID productId,
                              @NotNull(message = "send the product as JSON") @Valid ProductWrite request) {
        return products.update(productId, request);
    }
}
