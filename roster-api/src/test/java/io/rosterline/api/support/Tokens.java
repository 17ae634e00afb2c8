package io.rosterline.api.support;

import io.smallrye.jwt.build.Jwt;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Signed bearer tokens from the OIDC test server's key, shaped like Keycloak's (roles + districts claim). */
public final class Tokens {

    public static final UUID HARBOR = UUID.fromString("d1000000-0000-4000-8000-000000000001");
    public static final UUID LAKESIDE = UUID.fromString("d2000000-0000-4000-8000-000000000002");

    private Tokens() {
    }

    public static String support() {
        return token("support-sam", Set.of("support"), List.of());
    }

    public static String districtAdmin(UUID... districts) {
        return token("admin-" + districts[0].toString().substring(0, 8), Set.of("district-admin"),
                List.of(districts).stream().map(UUID::toString).toList());
    }

    public static String integrator(UUID district) {
        return token("integrator-" + district.toString().substring(0, 8), Set.of("integrator"), List.of(district.toString()));
    }

    public static String syncWorker() {
        return token("rosterline-sync-worker", Set.of("sync-worker"), List.of());
    }

    public static String token(String user, Set<String> roles, List<String> districts) {
        return Jwt.preferredUserName(user)
                .groups(roles)
                .claim("districts", districts)
                .issuer("https://server.example.com")
                .audience("https://server.example.com")
                .subject(user)
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }
}
