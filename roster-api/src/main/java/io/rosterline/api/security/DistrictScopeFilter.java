package io.rosterline.api.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.rosterline.api.common.ProblemMappers;
import io.rosterline.api.common.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenancy, enforced once for every district-scoped path rather than per endpoint, so that an endpoint added later
 * cannot forget it. Anonymous callers pass through to the role checks, which answer 401.
 */
public class DistrictScopeFilter {

    private static final Pattern DISTRICT_PATH = Pattern.compile("^/api/v1/districts/([^/]+)(/.*)?$");

    @Inject
    CurrentIdentityAssociation identityAssociation;

    @ServerRequestFilter
    public Uni<Response> enforceDistrictScope(ContainerRequestContext request) {
        Matcher matcher = DISTRICT_PATH.matcher(request.getUriInfo().getPath());
        if (!matcher.matches()) {
            return Uni.createFrom().nullItem();
        }
        return identityAssociation.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return null;
            }
            UUID districtId;
            try {
                districtId = UUID.fromString(matcher.group(1));
            } catch (IllegalArgumentException e) {
                return ProblemMappers.respond(ProblemType.NOT_FOUND,
                        "'" + matcher.group(1) + "' is not a district id.", request.getUriInfo(), List.of());
            }
            if (CurrentUser.mayAccess(identity, districtId)) {
                return null;
            }
            return ProblemMappers.respond(ProblemType.FORBIDDEN,
                    "You don't have access to this district.", request.getUriInfo(), List.of());
        });
    }
}
