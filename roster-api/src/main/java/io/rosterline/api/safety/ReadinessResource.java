package io.rosterline.api.safety;

import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.Problem;
import io.rosterline.api.safety.AccountMergeService.Actions;
import io.rosterline.api.safety.AccountMergeService.MergeView;
import io.rosterline.api.safety.ReadinessService.Readiness;
import io.rosterline.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/districts/{districtId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Readiness review", description = "Duplicates, format mismatches and roster gaps before going live; link and merge accounts.")
public class ReadinessResource {

    @Schema(name = "ReadinessAcknowledgement", example = "{\"kind\":\"DUPLICATE_PERSON\"}")
    public record Acknowledgement(@NotNull(message = "name the finding kind to acknowledge")
                                  @Pattern(regexp = "DUPLICATE_PERSON|ACCOUNT_FORMAT_MATCH|REISSUED_SOURCED_ID|ACCOUNT_REVIEW|DANGLING_ENROLLMENT|CLASS_WITHOUT_TEACHER|STUDENT_WITHOUT_CLASS|TERM_NOT_STARTED|TERM_ENDED|MAPPED_COURSE_WITHOUT_CLASSES",
                                          message = "is not a readiness finding kind") String kind) {
    }

    @Inject
    ReadinessService readiness;
    @Inject
    AccountMergeService merges;

    @GET
    @Path("readiness")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "The readiness review", description = "Findings over the roster as a run leaves it (default: the latest staged "
            + "or held run, else the current roster) and the existing accounts, with the records concerned and a suggested fix. "
            + "done is true when no blocking finding is left unacknowledged. Support staff and the district's admins and "
            + "integrators; 404 when runId is not a run of this district. The review is stored per run and recomputed only "
            + "when what it reads changed; while another request recomputes it, this one answers at once with the last "
            + "stored findings and refreshing: true, or, when none are stored yet, 503 problem+json with Retry-After "
            + "(ask again then).")
    @APIResponse(responseCode = "200", description = "The findings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Readiness.class)))
    @APIResponse(responseCode = "503", description = "The review of this roster is being computed for the first time; "
            + "retry after the seconds in Retry-After.", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Readiness review(@PathParam("districtId") UUID districtId, @QueryParam("runId") UUID runId) {
        return readiness.review(districtId, runId);
    }

    @POST
    @Path("readiness/acknowledgements")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Acknowledge a kind of finding",
            description = "An acknowledged blocking finding no longer keeps the readiness step open (for findings that are the "
                    + "SIS's to fix). Answers the review as it is now; audited. Support staff and the district's admins; 400 for "
                    + "a kind that is not a readiness finding.")
    public Readiness acknowledge(@PathParam("districtId") UUID districtId,
                                 @NotNull(message = "send the acknowledgement as JSON") @Valid Acknowledgement body) {
        return readiness.acknowledge(districtId, body.kind());
    }

    @POST
    @Path("readiness/actions")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Link or merge accounts in bulk",
            description = "LINK gives an existing account the incoming record's sourcedId, so the sync keeps using it; MERGE "
                    + "folds a second account (and its licenses) into the first. All or nothing; each action is kept in the "
                    + "history and can be undone. Support staff and the district's admins; 400 names the action and field (an "
                    + "account not in this district), 409 when another account already holds the sourcedId.")
    public List<MergeView> act(@PathParam("districtId") UUID districtId, @NotNull(message = "send the actions as JSON") @Valid Actions body) {
        return merges.perform(districtId, body);
    }

    @GET
    @Path("account-merges")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR})
    @Operation(summary = "History of account links and merges, newest first",
            description = "Every LINK and MERGE made in the readiness review or by accepting an account review, with who did it "
                    + "and whether it was undone. Paged (page from 0, size 1-200). Support staff and the district's admins and "
                    + "integrators.")
    public PageResult<MergeView> history(@PathParam("districtId") UUID districtId,
                                         @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                                         @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1") @Max(value = 200, message = "must be at most 200") int size) {
        return merges.history(districtId, page, size);
    }

    @POST
    @Path("account-merges/{mergeId}/undo")
    @RolesAllowed({Roles.SUPPORT, Roles.DISTRICT_ADMIN})
    @Operation(summary = "Undo a link or merge",
            description = "Both accounts and their license assignments are put back as they were before the action; audited. "
                    + "Answers the entry with undoneBy and undoneAt. Support staff and the district's admins; 404 when the entry "
                    + "is not this district's, 409 when it was already undone.")
    public MergeView undo(@PathParam("districtId") UUID districtId, @PathParam("mergeId") UUID mergeId) {
        return merges.undo(districtId, mergeId);
    }
}
