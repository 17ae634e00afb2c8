import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { useMemo } from 'react';
import { useAuth } from 'react-oidc-context';
import { env } from '@/config/env';
import { paths } from '@/config/paths';

// Authorization code + PKCE (oidc-client-ts' default for a public client) against Keycloak realm `rosterline`.
// Tokens live in sessionStorage: closing the tab signs the admin out of this browser tab only.
export function createUserManager(origin = window.location.origin): UserManager {
  return new UserManager({
    authority: env.OIDC_AUTHORITY,
    client_id: env.OIDC_CLIENT_ID,
    redirect_uri: `${origin}${paths.authCallback}`,
    post_logout_redirect_uri: `${origin}${paths.signedOut}`,
    response_type: 'code',
    scope: 'openid profile email',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export const userManager = createUserManager();

/** Where to come back to after Keycloak: kept in the OIDC state so a deep link survives sign-in. */
export type SignInState = { returnTo?: string };

export function signInAgain(returnTo = window.location.pathname + window.location.search) {
  return userManager.signinRedirect({ state: { returnTo } satisfies SignInState });
}

export const Roles = {
  support: 'support',
  districtAdmin: 'district-admin',
  integrator: 'integrator',
} as const;

export type CurrentUser = {
  name: string;
  roles: string[];
  /** District ids the token grants (district admins); support staff see every district. */
  districts: string[];
  isSupport: boolean;
};

type AccessClaims = { realm_access?: { roles?: string[] }; districts?: string[] | string };

// Keycloak puts realm roles and the `districts` claim in the access token, not the ID token.
// Decoding it here only shapes the UI (which nav to show); the API enforces access on every call.
export function decodeAccessClaims(accessToken: string | undefined): AccessClaims {
  if (!accessToken) return {};
  const payload = accessToken.split('.')[1];
  if (!payload) return {};
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as AccessClaims;
  } catch {
    return {};
  }
}

export function toCurrentUser(user: User | null | undefined): CurrentUser | null {
  if (!user) return null;
  const claims = decodeAccessClaims(user.access_token);
  const roles = claims.realm_access?.roles ?? [];
  const districts = Array.isArray(claims.districts)
    ? claims.districts
    : claims.districts
      ? [claims.districts]
      : [];
  const profile = user.profile;
  const name =
    profile.name ||
    [profile.given_name, profile.family_name].filter(Boolean).join(' ') ||
    profile.preferred_username ||
    'Signed-in user';
  return { name, roles, districts, isSupport: roles.includes(Roles.support) };
}

export function useCurrentUser(): CurrentUser | null {
  const auth = useAuth();
  return useMemo(() => toCurrentUser(auth.user), [auth.user]);
}
