package io.rosterline.api.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Who is calling: their name for the audit trail, and which districts they may touch. */
@RequestScoped
public class CurrentUser {

    /** The token claim listing the districts a district admin or integrator belongs to. */
    public static final String DISTRICTS_CLAIM = "districts";

    @Inject
    SecurityIdentity identity;

    public String actor() {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            String name = jwt.getClaim("preferred_username");
            if (name == null) {
                name = jwt.getClaim("azp");
            }
            return name != null ? name : jwt.getSubject();
        }
        return principal == null || identity.isAnonymous() ? "system" : principal.getName();
    }

    public boolean isSupport() {
        return identity.hasRole(Roles.SUPPORT);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public Set<UUID> districtIds() {
        return districtIds(identity);
    }

    public boolean mayAccess(UUID districtId) {
        return mayAccess(identity, districtId);
    }

    static boolean mayAccess(SecurityIdentity identity, UUID districtId) {
        if (identity.hasRole(Roles.SUPPORT)) {
            return true;
        }
        boolean scopedRole = identity.hasRole(Roles.DISTRICT_ADMIN) || identity.hasRole(Roles.INTEGRATOR);
        return scopedRole && districtIds(identity).contains(districtId);
    }

    static Set<UUID> districtIds(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Set.of();
        }
        Object claim = jwt.getClaim(DISTRICTS_CLAIM);
        Collection<?> values;
        if (claim instanceof Collection<?> collection) {
            values = collection;
        } else if (claim instanceof jakarta.json.JsonArray array) {
            values = array.stream().map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()).toList();
        } else if (claim != null) {
            values = Set.of(claim.toString());
        } else {
            values = Set.of();
        }
        return values.stream().map(Object::toString).map(s -> s.replace("\"", "").trim())
                .map(CurrentUser::parseUuid).filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
