package io.rosterline.api.accounts;

import io.rosterline.api.accounts.AccountReviewService.Accept;
import io.rosterline.api.accounts.AccountReviewService.AccountView;
import io.rosterline.api.accounts.AccountReviewService.ReviewView;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/districts/{districtId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "The district's accounts with how each was matched, and the review queue of uncertain matches.")
public class AccountResource {

    @Inject
    AccountReviewService accounts;

    @GET
    @Path("accounts")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The district's accounts and why each is whose it is",
            description = "matchReason: SOURCED_ID, IDENTIFIER (SIS identifier), EMAIL, LOGIN (an existing account matched by that rule), "
                    + "NEW (none matched), LINKED/MERGED (readiness actions), REVIEWED (accepted in the account review); matchDetail "
                    + "names the value. Filter by matchReason, search (q) by name, email, login, sourcedId or SIS identifier; paged "
                    + "(page from 0, size 1-500). Support staff and the district's admins and integrators; 400 for another "
                    + "matchReason or a q over 200 characters.")
    public PageResult<AccountView> list(@PathParam("districtId") UUID districtId,
            @QueryParam("matchReason") @Pattern(regexp = "SOURCED_ID|IDENTIFIER|EMAIL|LOGIN|NEW|LINKED|MERGED|REVIEWED",
                    message = "use SOURCED_ID, IDENTIFIER, EMAIL, LOGIN, NEW, LINKED, MERGED or REVIEWED") String matchReason,
            @QueryParam("q") @Size(max = 200, message = "must be at most 200 characters")
            @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL characters") String query,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be at least 1") @Max(value = 500, message = "must be at most 500") int size) {
        return accounts.accounts(districtId, matchReason, query == null || query.isBlank() ? null : query.trim(), page, size);
    }

    @GET
    @Path("account-reviews")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "Uncertain account matches waiting for a decision",
            description = "People the sync did not match silently: several candidate accounts, a candidate bound to another sourcedId, "
                    + "or a known person with a re-issued sourcedId (proposed as a link). Each waits without an account (and so "
                    + "without licenses) until accepted or rejected. Newest first; status OPEN by default (ACCEPTED, REJECTED, "
                    + "RESOLVED or ALL). Paged (page from 0, size 1-200). Support staff and the district's admins and integrators.")
    public PageResult<ReviewView> reviews(@PathParam("districtId") UUID districtId,
            @QueryParam("status") @DefaultValue("OPEN") @Pattern(regexp = "OPEN|ACCEPTED|REJECTED|RESOLVED|ALL",
                    message = "use OPEN, ACCEPTED, REJECTED, RESOLVED or ALL") String status,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
            @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return accounts.reviews(districtId, "ALL".equals(status) ? null : status, page, size);
    }

    @POST
    @Path("account-reviews/{reviewId}/accept")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Accept a candidate: link that account to the incoming person",
            description = "accountId may be left out when the review has one candidate. The link is kept in the link history "
                    + "(GET .../account-merges) and can be undone; the person's licenses follow at the next applied sync. 409 when the "
                    + "review is not open or the account belongs to someone still in the roster; 400 when accountId is needed or "
                    + "not a candidate; 404 when the review is not this district's. Support staff and the district's admins.")
    public ReviewView accept(@PathParam("districtId") UUID districtId, @PathParam("reviewId") UUID reviewId, Accept body) {
        return accounts.accept(districtId, reviewId, body);
    }

    @POST
    @Path("account-reviews/{reviewId}/reject")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Reject the candidates: give the incoming person a new account",
            description = "The candidate accounts stay as they are; the person's licenses follow at the next applied sync. "
                    + "Answers the review, REJECTED. Support staff and the district's admins; 404 when the review is not this "
                    + "district's, 409 when it is not open or the person left the roster.")
    public ReviewView reject(@PathParam("districtId") UUID districtId, @PathParam("reviewId") UUID reviewId) {
        return accounts.reject(districtId, reviewId);
    }
}
