import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { User } from 'oidc-client-ts';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider } from '@/app/provider';
import { env } from '@/config/env';
import { userManager } from '@/lib/auth';
import { DistrictContext, type CurrentDistrict } from '@/lib/district';
import { createQueryClient } from '@/lib/react-query';

export const HARBOR = {
  id: 'd1000000-0000-4000-8000-000000000001',
  name: 'Harbor Unified',
  timezone: 'America/Los_Angeles',
} satisfies CurrentDistrict;
export const LAKESIDE = {
  id: 'd2000000-0000-4000-8000-000000000002',
  name: 'Lakeside County Schools',
  timezone: 'America/Los_Angeles',
} satisfies CurrentDistrict;

export type TestUser = { name: string; roles: string[]; districts?: string[] };
export const harborAdmin: TestUser = { name: 'Harbor Admin', roles: ['district-admin'], districts: [HARBOR.id] };
export const supportUser: TestUser = { name: 'Sam Support', roles: ['support'] };

const b64url = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** Stores a real oidc-client-ts User the way a Keycloak sign-in would, so react-oidc-context starts signed in. */
export async function signIn(user: TestUser = harborAdmin) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: 'user-1',
    iss: env.OIDC_AUTHORITY,
    aud: env.OIDC_CLIENT_ID,
    exp: now + 3600,
    iat: now,
    name: user.name,
    realm_access: { roles: user.roles },
    districts: user.districts ?? [],
  };
  const accessToken = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
  await userManager.storeUser(
    new User({
      access_token: accessToken,
      token_type: 'Bearer',
      profile: { sub: 'user-1', iss: env.OIDC_AUTHORITY, aud: env.OIDC_CLIENT_ID, exp: now + 3600, iat: now, name: user.name },
      expires_at: now + 3600,
    }),
  );
}

/** Renders routes (a feature page, or the whole app) signed in, at `path`. */
export async function renderRoutes(routes: RouteObject[], path: string, user: TestUser = harborAdmin) {
  await signIn(user);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const utils = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...utils, router, queryClient, user: userEvent.setup() };
}

/** Renders one feature screen inside a district, the way the district layout provides it. */
export function renderInDistrict(
  ui: ReactNode,
  { district = HARBOR, user = harborAdmin, subPath = '' }: { district?: CurrentDistrict; user?: TestUser; subPath?: string } = {},
) {
  const path = `/districts/${district.id}${subPath}`;
  return renderRoutes(
    [
      {
        path: '/districts/:districtId/*',
        element: <DistrictContext.Provider value={district}>{ui}</DistrictContext.Provider>,
      },
      { path: '*', element: <p>Somewhere else</p> },
    ],
    path,
    user,
  );
}
