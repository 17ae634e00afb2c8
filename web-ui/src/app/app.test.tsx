import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { harborAdminMe, harborDistrict, lakesideDistrict, problemResponse, supportMe } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { heldNotification } from '@/testing/notifications';
import { server } from '@/testing/server';
import { HARBOR, LAKESIDE, harborAdmin, renderRoutes, supportUser } from '@/testing/test-utils';
import { routes } from './router';

const emptyChecklist = { districtId: HARBOR.id, districtName: HARBOR.name, steps: [], readyToGoLive: false, liveBlockers: [] };

function harborApi() {
  server.use(
    http.get('/api/v1/me', ({ response }) => response(200).json(harborAdminMe)),
    http.get('/api/v1/districts/{districtId}', ({ params, response }) =>
      params.districtId === HARBOR.id
        ? response(200).json(harborDistrict)
        : response.untyped(problemResponse(403, 'Forbidden', 'You can only reach your own district.')),
    ),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json(emptyChecklist)),
    // The dashboard's activity tiles.
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
    http.get('/api/v1/districts/{districtId}/sticky-licenses', ({ response }) => response(200).json([])),
    http.get('/api/v1/districts/{districtId}/terms', ({ response }) => response(200).json([])),
    // The safety settings page's nightly dry runs.
    http.get('/api/v1/districts/{districtId}/shadow-runs', ({ response }) => response(200).json({ items: [], page: 0, size: 20, total: 0 })),
    // The nav's unread count.
    http.get('/api/v1/districts/{districtId}/notifications', ({ response }) =>
      response(200).json({ items: [heldNotification], page: 0, size: 1, total: 2 }),
    ),
  );
}

/** The district's safety settings as the API answers them (defaults). */
const safetySettings: Schemas['SafetySettings'] = {
  userRemovalPercent: 10,
  userRemovalMinCount: 50,
  enrollmentRemovalPercent: 10,
  enrollmentRemovalMinCount: 50,
  licenseRemovalPercent: 10,
  licenseRemovalMinCount: 50,
  minClassSize: 5,
  rolloverRemovalPercent: 60,
  applyAdditionsWhileHeld: false,
  minSourcePercent: 50,
};

describe('App shell', () => {
  it('given a Harbor admin signs in, when they open the app, then they land on Harbor’s checklist with their name, sign out, API docs and the steps', async () => {
    harborApi();
    const { router, container } = await renderRoutes(routes, '/', harborAdmin);

    expect(await screen.findByRole('heading', { name: 'Integration checklist' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}`);
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('Harbor Admin');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'API documentation' })).toHaveAttribute('href', 'http://localhost:8080/q/swagger-ui');
    const nav = screen.getByRole('navigation', { name: 'Checklist steps' });
    for (const step of ['Dashboard', 'District settings', 'Credentials', 'Schools', 'Courses', 'Licenses', 'Imports', 'Term dates', 'Sticky licenses', 'Schedule', 'Safety settings', 'Audit trail']) {
      expect(within(nav).getByRole('link', { name: new RegExp(`^${step}`) })).toBeInTheDocument();
    }
    // Notifications come right after the dashboard, with the unread count in the link's name.
    const notifications = await within(nav).findByRole('link', { name: 'Notifications, 2 unread' });
    expect(notifications).toHaveAttribute('href', `/districts/${HARBOR.id}/notifications`);
    expect(within(nav).getAllByRole('link').indexOf(notifications)).toBe(1);
    // A district admin has no district switcher.
    expect(screen.queryByRole('combobox', { name: 'Switch district' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('given unread notifications, when the admin follows Notifications in the nav, then the notifications page opens with a link to the held run', async () => {
    harborApi();
    const { user, router } = await renderRoutes(routes, `/districts/${HARBOR.id}`, harborAdmin);
    await user.click(await screen.findByRole('link', { name: 'Notifications, 2 unread' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}/notifications`);
    expect(await screen.findByRole('link', { name: 'View the run' })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/imports?run=${heldNotification.runId}`,
    );
  });

  it('given a keyboard user, when they press Tab first, then they can skip straight to the page content', async () => {
    harborApi();
    const { user } = await renderRoutes(routes, `/districts/${HARBOR.id}`, harborAdmin);
    await screen.findByRole('heading', { name: 'Integration checklist' });
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });

  it('given a Harbor admin, when they open Lakeside’s link, then a plain “no access” page with a way back shows', async () => {
    harborApi();
    const { user, router } = await renderRoutes(routes, `/districts/${LAKESIDE.id}`, harborAdmin);
    expect(await screen.findByRole('heading', { name: "You don't have access to this district" })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Go to my district' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}`));
  });

  it('given support staff, when they sign in, then they see every district and can switch between them keeping the step', async () => {
    server.use(
      http.get('/api/v1/me', ({ response }) => response(200).json(supportMe)),
      http.get('/api/v1/districts', ({ response }) =>
        response(200).json({ items: [harborDistrict, lakesideDistrict], page: 0, size: 50, total: 2 }),
      ),
      http.get('/api/v1/districts/{districtId}', ({ params, response }) =>
        response(200).json(params.districtId === HARBOR.id ? harborDistrict : lakesideDistrict),
      ),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json(emptyChecklist)),
      http.get('/api/v1/districts/{districtId}/audit', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
      http.get('/api/v1/districts/{districtId}/sticky-licenses', ({ response }) => response(200).json([])),
      http.get('/api/v1/districts/{districtId}/terms', ({ response }) => response(200).json([])),
      http.get('/api/v1/districts/{districtId}/notifications', ({ response }) => response(200).json({ items: [], page: 0, size: 1, total: 0 })),
    );
    const { user, router } = await renderRoutes(routes, '/', supportUser);

    expect(await screen.findByRole('heading', { name: 'Districts' })).toBeInTheDocument();
    await user.click(await screen.findByRole('link', { name: HARBOR.name }));
    await user.click(await screen.findByRole('link', { name: 'Audit trail' }));
    expect(await screen.findByRole('heading', { name: 'Audit trail' })).toBeInTheDocument();

    const switcher = screen.getByRole('combobox', { name: 'Switch district' });
    await user.clear(switcher);
    await user.type(switcher, 'Lakeside');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/districts/${LAKESIDE.id}/audit`));
  });

  it('given an integrator, when they open Safety settings from the nav, then the settings show read-only; a district admin gets the save button', async () => {
    harborApi();
    const integratorMe: Schemas['Me'] = { ...harborAdminMe, actor: 'harbor-integrator', roles: ['integrator'] };
    let me: Schemas['Me'] = integratorMe;
    server.use(
      http.get('/api/v1/me', ({ response }) => response(200).json(me)),
      http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) =>
        response(200).json(safetySettings),
      ),
    );
    const countsAsked: string[] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/notifications', ({ request, response }) => {
        countsAsked.push(request.url);
        return response.untyped(problemResponse(403, 'Forbidden'));
      }),
    );
    const integrator = { name: 'Harbor Integrator', roles: ['integrator'], districts: [HARBOR.id] };
    const first = await renderRoutes(routes, `/districts/${HARBOR.id}`, integrator);
    await first.user.click(await screen.findByRole('link', { name: /^Safety settings/ }));
    expect(await screen.findByRole('heading', { name: 'Safety settings' })).toBeInTheDocument();
    expect(await screen.findByRole('status', { name: 'View only' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
    // Integrators do not receive notifications (the API refuses them): no nav entry, and the count is never asked.
    expect(screen.queryByRole('link', { name: /^Notifications/ })).not.toBeInTheDocument();
    expect(countsAsked).toEqual([]);
    first.unmount();

    me = harborAdminMe;
    await renderRoutes(routes, `/districts/${HARBOR.id}/safety`, harborAdmin);
    expect(await screen.findByRole('button', { name: 'Save safety settings' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'View only' })).not.toBeInTheDocument();
  });

  it('given an integrator, when they open a run the source checks stopped and the account match queue, then both are read-only; a district admin gets the actions', async () => {
    harborApi();
    const integratorMe: Schemas['Me'] = { ...harborAdminMe, actor: 'harbor-integrator', roles: ['integrator'] };
    let me: Schemas['Me'] = integratorMe;
    const stopped: Schemas['Run'] = {
      id: '6a7b8c9d-0000-4000-8000-000000000009',
      districtId: HARBOR.id,
      kind: 'NIGHTLY',
      trigger: 'schedule',
      status: 'FAILED',
      createdAt: '2026-11-24T08:00:00Z',
      sourceCheck: { changes: [{ check: 'SIZE', text: 'The source now has 1 active schools, under 50 % of the 3 of the last good run.' }], accepted: false },
    };
    const review: Schemas['AccountReview'] = {
      id: '5c1d2e3f-4a5b-4c6d-8e7f-000000000009',
      person: { sourcedId: 'stu-000777', givenName: 'Ana', familyName: 'Lopez', role: 'student' },
      kind: 'REISSUED_SOURCED_ID',
      detail: 'Probably the same person with a re-issued sourcedId.',
      candidates: [{ id: '0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b', sourcedId: 'stu-000123', givenName: 'Ana', familyName: 'Lopez', active: false }],
      status: 'OPEN',
    };
    server.use(
      http.get('/api/v1/me', ({ response }) => response(200).json(me)),
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [stopped], page: 0, size: 10, total: 1 })),
      http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) => response(200).json(stopped)),
      http.get('/api/v1/districts/{districtId}/readiness', ({ response }) => response(200).json({ done: true, findings: [] })),
      http.get('/api/v1/districts/{districtId}/account-merges', ({ response }) => response(200).json({ items: [], page: 0, size: 10, total: 0 })),
      http.get('/api/v1/districts/{districtId}/account-reviews', ({ response }) => response(200).json({ items: [review], page: 0, size: 10, total: 1 })),
      // The imports route's "why" lookup lists the products.
      http.get('/api/v1/products', ({ response }) => response(200).json([])),
    );
    const integrator = { name: 'Harbor Integrator', roles: ['integrator'], districts: [HARBOR.id] };
    const first = await renderRoutes(routes, `/districts/${HARBOR.id}/imports`, integrator);
    expect(await screen.findByText(/Your SIS export is much smaller than at the last good import/)).toBeInTheDocument();
    expect(await screen.findByText(/a district admin can accept it here/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept the change and import again' })).not.toBeInTheDocument();
    first.unmount();
    const second = await renderRoutes(routes, `/districts/${HARBOR.id}/readiness`, integrator);
    expect(await screen.findByRole('article', { name: 'Ana Lopez' })).toHaveTextContent('A district admin decides which account is theirs');
    expect(screen.queryByRole('button', { name: /^Link Ana Lopez/ })).not.toBeInTheDocument();
    second.unmount();

    me = harborAdminMe;
    const third = await renderRoutes(routes, `/districts/${HARBOR.id}/imports`, harborAdmin);
    expect(await screen.findByRole('button', { name: 'Accept the change and import again' })).toBeInTheDocument();
    third.unmount();
    await renderRoutes(routes, `/districts/${HARBOR.id}/readiness`, harborAdmin);
    expect(await screen.findByRole('button', { name: 'Link Ana Lopez to the account of Ana Lopez (stu-000123)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'None of these is Ana Lopez: create a new account' })).toBeInTheDocument();
  });

  it('given every checklist step is built, when the admin opens sticky licenses by its link, then that screen loads, not a placeholder', async () => {
    harborApi();
    server.use(
      http.get('/api/v1/districts/{districtId}/sso-format', ({ response }) => response(200).json({})),
      http.get('/api/v1/districts/{districtId}/license-pools', ({ response }) => response(200).json([])),
      http.get('/api/v1/districts/{districtId}/sticky-licenses/rostered-staff', ({ response }) => response(200).json({ items: [], page: 0, size: 20, total: 0 })),
    );
    await renderRoutes(routes, `/districts/${HARBOR.id}/sticky-licenses`, harborAdmin);
    expect(await screen.findByRole('heading', { name: 'Sticky licenses' })).toBeInTheDocument();
    expect(await screen.findByText('No sticky licenses')).toBeInTheDocument();
    expect(screen.queryByText(/can't be set up here yet/)).not.toBeInTheDocument();
  });

  it('given a nightly dry run, when the admin follows View the plan on Safety settings, then the imports page opens that dry run with the plan it kept', async () => {
    harborApi();
    const dryRun: Schemas['Run'] = {
      id: '7b1c2d3e-0000-4000-8000-000000000101',
      districtId: HARBOR.id,
      kind: 'SHADOW',
      trigger: 'SCHEDULE',
      status: 'SHADOWED',
      requestedBy: 'schedule',
      createdAt: '2026-11-24T08:10:00Z',
      // The API declares the plan summary as free JSON; a dry run keeps its whole plan there.
      planSummary: { gainsTotal: 12, gains: [], lossesTotal: 3, losses: [], unseatedTotal: 0, unseated: [], products: [] } as unknown as Schemas['JsonNode'],
    };
    server.use(
      http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) =>
        response(200).json({ ...safetySettings, shadowNightly: true }),
      ),
      http.get('/api/v1/districts/{districtId}/shadow-runs', ({ response }) => response(200).json({ items: [dryRun], page: 0, size: 20, total: 1 })),
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [dryRun], page: 0, size: 10, total: 1 })),
      http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) => response(200).json(dryRun)),
      // The imports page's "why" lookup.
      http.get('/api/v1/products', ({ response }) => response(200).json([])),
    );
    const { user, router } = await renderRoutes(routes, `/districts/${HARBOR.id}/safety`, harborAdmin);
    expect(await screen.findByText('12 would gain a license, 3 would lose one')).toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: /^View the plan of the dry run/ }));
    expect(await screen.findByRole('heading', { name: 'Imports' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?run=${dryRun.id}`);
    const run = await screen.findByRole('region', { name: /^Dry run \(shadow mode\) of Nov 24, 2026/ });
    expect(within(run).getByText('Dry run kept (not applied)')).toBeInTheDocument();
    expect(within(run).getByRole('region', { name: 'License plan' })).toBeInTheDocument();
  });
});
