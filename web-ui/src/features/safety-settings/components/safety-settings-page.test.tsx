import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { ApiError } from '@/lib/problem';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { toFormValues, toRequestBody } from './form-values';
import { leaveOut, matchOrderError, move, putBack, readOrder } from './match-order-rules';
import { SafetySettingsPage } from './safety-settings-page';

/** Every field the API has, the ones the form does not show set away from their defaults. */
const stored: Schemas['SafetySettings'] = {
  userRemovalPercent: 10,
  userRemovalMinCount: 50,
  enrollmentRemovalPercent: 12.5,
  enrollmentRemovalMinCount: 60,
  licenseRemovalPercent: 10,
  licenseRemovalMinCount: 50,
  minClassSize: 5,
  rolloverStart: '2027-06-15',
  rolloverEnd: '2027-08-31',
  rolloverRemovalPercent: 60,
  applyAdditionsWhileHeld: true,
  minSourcePercent: 50,
  notificationEmail: 'rostering@harbor.k12.example',
  shadowNightly: true,
  schoolUserRemovalPercent: 25,
  schoolUserRemovalMinCount: 20,
  schoolEnrollmentRemovalPercent: null,
  schoolEnrollmentRemovalMinCount: null,
  licenseGraceDays: 0,
  // An order roster-api accepts (SOURCED_ID first when named), leaving the sign-in name out.
  accountMatchOrder: ['SOURCED_ID', 'EMAIL', 'IDENTIFIER'],
};
/** A field a newer API might add: the form must carry it back too, without knowing it. */
const storedByANewerApi = { ...stored, unknownFutureRule: 'keep me' } as Schemas['SafetySettings'];

const DRY_RUN_ID = '7b1c2d3e-0000-4000-8000-000000000101';
const FAILED_DRY_RUN_ID = '7b1c2d3e-0000-4000-8000-000000000100';
/** A dry run as roster-api lists it: the plan it computed kept in planSummary, what the worker read in readReport. */
function dryRun(id: string, at: string, overrides: Partial<Schemas['Run']> = {}): Schemas['Run'] {
  return {
    id,
    districtId: HARBOR.id,
    kind: 'SHADOW',
    trigger: 'SCHEDULE',
    status: 'SHADOWED',
    requestedBy: 'schedule',
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    // The API declares these as free JSON; these are the shapes the server writes.
    planSummary: { gainsTotal: 12, gains: [], lossesTotal: 3, losses: [], unseatedTotal: 2, unseated: [], products: [] } as unknown as Schemas['JsonNode'],
    readReport: { read: { orgs: 12, users: 1957, enrollments: 4210 }, errors: 0, warnings: 0 } as unknown as Schemas['JsonNode'],
    ...overrides,
  };
}
const dryRuns = [
  // 08:10 UTC is 12:10 AM in Los Angeles in November.
  dryRun(DRY_RUN_ID, '2026-11-24T08:10:00Z'),
  dryRun(FAILED_DRY_RUN_ID, '2026-11-23T08:10:00Z', {
    status: 'FAILED',
    planSummary: undefined,
    readReport: undefined,
    error: 'The SIS answered 503 Service Unavailable.',
  }),
];

/** The district's nightly dry runs, newest first, paged the way roster-api pages them; none unless given. */
function shadowRunsApi(runs: Schemas['Run'][] = []) {
  const pagesAsked: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/shadow-runs', ({ query, response }) => {
      const page = Number(query.get('page'));
      const size = Number(query.get('size'));
      pagesAsked.push(`${page}/${size}`);
      return response(200).json({ items: runs.slice(page * size, (page + 1) * size), page, size, total: runs.length });
    }),
  );
  return { pagesAsked };
}

function safetyApi(initial: Schemas['SafetySettings'] = storedByANewerApi) {
  let current = initial;
  const puts: unknown[] = [];
  shadowRunsApi();
  server.use(
    http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) => response(200).json(current)),
    http.put('/api/v1/districts/{districtId}/safety-settings', async ({ request, response }) => {
      const body = await request.json();
      puts.push(body);
      current = body;
      return response(200).json(current);
    }),
  );
  return { puts };
}

/** The first rule as the section lists it: always there, always first. */
const SIS_RECORD_ID = 'The SIS record id (always tried first: an account that holds the person’s SIS record id is theirs)';
const SIS_IDENTIFIER = 'The SIS identifier (for example the student number)';
const STANDARD_ORDER = [SIS_RECORD_ID, SIS_IDENTIFIER, 'Email address', 'Sign-in name'];

const matchOrderSection = () => screen.findByRole('region', { name: 'Matching people to existing accounts' });
/** The rules the section lists as tried, in order (their buttons have no text). */
const rulesTried = (section: HTMLElement) =>
  within(within(section).getByRole('list', { name: 'Rules, tried in this order' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
/** The rules the section lists as left out, without the text of their Put back buttons. */
function rulesLeftOut(section: HTMLElement) {
  const list = within(section).queryByRole('list', { name: 'Left out, never tried' });
  return list ? within(list).getAllByRole('listitem').map((li) => li.textContent?.replace(/Put back$/, '')) : [];
}

describe('Safety settings', () => {
  it('given stored settings, when the admin changes two of them and saves, then every other field goes back unchanged, the hidden ones included', async () => {
    const { puts } = safetyApi();
    const { user, container } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });

    const peopleShare = await screen.findByRole('textbox', { name: /^People: share removed/ });
    expect(peopleShare).toHaveValue('10 %');
    expect(screen.getByRole('textbox', { name: /^Enrollments: share removed/ })).toHaveValue('12.5 %');
    // Empty per-school fields say what applies instead.
    expect(screen.getByRole('textbox', { name: /^Enrollments per school: share removed/ })).toHaveAttribute('placeholder', 'Same as the district (12.5 %)');
    expect(screen.getByRole('textbox', { name: 'Email for held and failed syncs' })).toHaveValue('rostering@harbor.k12.example');
    expect(screen.getByRole('switch', { name: /Add new people, classes and licenses/ })).toBeChecked();
    const matchOrder = screen.getByRole('region', { name: 'Matching people to existing accounts' });
    expect(rulesTried(matchOrder)).toEqual([SIS_RECORD_ID, 'Email address', 'The SIS identifier (for example the student number)']);
    expect(rulesLeftOut(matchOrder)).toEqual(['Sign-in name']);
    await expectNoAxeViolations(container);

    await user.clear(peopleShare);
    await user.type(peopleShare, '15');
    const grace = screen.getByRole('textbox', { name: 'Days a removed license stays usable' });
    await user.clear(grace);
    await user.type(grace, '7');
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...storedByANewerApi, userRemovalPercent: 15, licenseGraceDays: 7 }]);
  });

  it('given no changes, when the admin saves, then the body is exactly what was read', async () => {
    const { puts } = safetyApi();
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    await user.click(await screen.findByRole('button', { name: 'Save safety settings' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual(storedByANewerApi);
  });

  it('given a rollover that ends before it starts, when saved, then the form says so and sends nothing; a field the server refuses is shown on it', async () => {
    const { puts } = safetyApi({ ...stored, rolloverStart: '2027-08-31', rolloverEnd: '2027-06-15' });
    server.use(
      http.put('/api/v1/districts/{districtId}/safety-settings', ({ response }) =>
        response.untyped(problemResponse(400, 'Bad Request', 'Some settings are not valid.', [{ field: 'put.body.notificationEmail', message: 'must be an email address' }])),
      ),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    await user.click(await screen.findByRole('button', { name: 'Save safety settings' }));
    expect(await screen.findByText('The last day must be on or after the first day')).toBeInTheDocument();
    expect(puts).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove the rollover start' }));
    await user.click(screen.getByRole('button', { name: 'Remove the rollover end' }));
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));
    expect(await screen.findByText('must be an email address')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email for held and failed syncs' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('given an integrator, when they open the page, then they can read every setting but not change or save it', async () => {
    safetyApi();
    await renderInDistrict(<SafetySettingsPage canEdit={false} />, { subPath: '/safety' });
    expect(await screen.findByRole('status', { name: 'View only' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^People: share removed/ })).toBeDisabled();
    expect(screen.getByRole('switch', { name: /Add new people/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
  });

  it('given the settings cannot be loaded, when the page opens, then the reason and a retry show', async () => {
    let attempts = 0;
    shadowRunsApi();
    server.use(
      http.get('/api/v1/districts/{districtId}/safety-settings', ({ response }) => {
        attempts += 1;
        return attempts === 1 ? response.untyped(problemResponse(500, 'Internal Server Error')) : response(200).json(stored);
      }),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(retry.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
    await user.click(retry);
    expect(await screen.findByRole('textbox', { name: /^People: share removed/ })).toHaveValue('10 %');
  });
});

describe('Matching people to existing accounts', () => {
  it('given a deployment whose standard order puts email before the SIS identifier, when the admin leaves out the sign-in name and saves, then the page starts from that order and the PUT carries it', async () => {
    const deployment = ['SOURCED_ID', 'EMAIL', 'LOGIN', 'IDENTIFIER'];
    const { puts } = safetyApi({ ...stored, accountMatchOrder: null, standardAccountMatchOrder: deployment });
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = await matchOrderSection();
    expect(within(section).getByText('In use: Rosterline’s standard order.')).toBeInTheDocument();
    expect(rulesTried(section)).toEqual([SIS_RECORD_ID, 'Email address', 'Sign-in name', SIS_IDENTIFIER]);

    await user.click(within(section).getByRole('button', { name: 'Leave out Sign-in name' }));
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...stored, accountMatchOrder: ['SOURCED_ID', 'EMAIL', 'IDENTIFIER'], standardAccountMatchOrder: deployment }]);
  });

  it('given a district with the standard order, when the admin moves Email above the SIS identifier and saves, then the PUT carries SOURCED_ID, EMAIL, IDENTIFIER, LOGIN and the district’s own order is in use', async () => {
    const { puts } = safetyApi({ ...stored, accountMatchOrder: null });
    const { user, container } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = await matchOrderSection();
    expect(within(section).getByText('In use: Rosterline’s standard order.')).toBeInTheDocument();
    expect(within(section).getByText(/The first rule that finds an account decides/)).toHaveTextContent(
      /an uncertain match .* waits in the account review queue for an admin\. .* A change applies from the next sync after you save\./,
    );
    expect(rulesTried(section)).toEqual(STANDARD_ORDER);
    expect(rulesLeftOut(section)).toEqual([]);
    // The SIS record id is always tried first: it has no controls, and no rule moves above it or below the last.
    expect(within(section).queryByRole('button', { name: /The SIS record id/ })).not.toBeInTheDocument();
    expect(within(section).getByRole('button', { name: `Move ${SIS_IDENTIFIER} up` })).toBeDisabled();
    expect(within(section).getByRole('button', { name: `Move ${SIS_IDENTIFIER} down` })).toBeEnabled();
    expect(within(section).getByRole('button', { name: 'Move Sign-in name down' })).toBeDisabled();
    expect(within(section).getByRole('button', { name: 'Use Rosterline’s standard order' })).toBeDisabled();
    await expectNoAxeViolations(container);

    await user.click(within(section).getByRole('button', { name: 'Move Email address up' }));
    expect(rulesTried(section)).toEqual([SIS_RECORD_ID, 'Email address', SIS_IDENTIFIER, 'Sign-in name']);
    expect(within(section).getByRole('status')).toHaveTextContent('Email address moved to position 2.');
    expect(within(section).getByText('Your district’s own order, used from the next sync once you save.')).toBeInTheDocument();
    // Email cannot go higher now; the focus stays on its other move button.
    expect(within(section).getByRole('button', { name: 'Move Email address up' })).toBeDisabled();
    expect(within(section).getByRole('button', { name: 'Move Email address down' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...stored, accountMatchOrder: ['SOURCED_ID', 'EMAIL', 'IDENTIFIER', 'LOGIN'] }]);
    expect(within(section).getByText('In use: your district’s own order.')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Use Rosterline’s standard order' })).toBeEnabled();
  });

  it('given the standard order, when the admin leaves out the sign-in name and the SIS identifier, puts the identifier back and saves, then the PUT carries SOURCED_ID, EMAIL, IDENTIFIER', async () => {
    const { puts } = safetyApi({ ...stored, accountMatchOrder: null });
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = await matchOrderSection();

    await user.click(within(section).getByRole('button', { name: 'Leave out Sign-in name' }));
    await user.click(within(section).getByRole('button', { name: `Leave out ${SIS_IDENTIFIER}` }));
    expect(rulesTried(section)).toEqual([SIS_RECORD_ID, 'Email address']);
    expect(rulesLeftOut(section)).toEqual([SIS_IDENTIFIER, 'Sign-in name']);
    expect(within(section).getByRole('button', { name: `Put back ${SIS_IDENTIFIER}` })).toHaveFocus();

    await user.click(within(section).getByRole('button', { name: `Put back ${SIS_IDENTIFIER}` }));
    // A rule put back is tried last.
    expect(rulesTried(section)).toEqual([SIS_RECORD_ID, 'Email address', SIS_IDENTIFIER]);
    expect(rulesLeftOut(section)).toEqual(['Sign-in name']);
    expect(within(section).getByRole('status')).toHaveTextContent(`${SIS_IDENTIFIER} put back, tried last.`);
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({ ...stored, accountMatchOrder: ['SOURCED_ID', 'EMAIL', 'IDENTIFIER'] });
  });

  it('given a district with its own order, when the admin uses Rosterline’s standard order and saves, then the PUT carries accountMatchOrder null and the standard order is in use', async () => {
    const { puts } = safetyApi();
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = await matchOrderSection();
    expect(within(section).getByText('In use: your district’s own order.')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Use Rosterline’s standard order' }));
    expect(rulesTried(section)).toEqual(STANDARD_ORDER);
    expect(rulesLeftOut(section)).toEqual([]);
    expect(within(section).getByText('Rosterline’s standard order, used from the next sync once you save.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...storedByANewerApi, accountMatchOrder: null }]);
    expect(within(section).getByText('In use: Rosterline’s standard order.')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Use Rosterline’s standard order' })).toBeDisabled();
  });

  it('given an integrator (read-only), when they open the page, then they see the district’s order and the rule left out, without any control to change it', async () => {
    const { puts } = safetyApi();
    const { container } = await renderInDistrict(<SafetySettingsPage canEdit={false} />, { subPath: '/safety' });
    const section = await matchOrderSection();
    expect(within(section).getByText('In use: your district’s own order.')).toBeInTheDocument();
    expect(rulesTried(section)).toEqual([SIS_RECORD_ID, 'Email address', SIS_IDENTIFIER]);
    expect(rulesLeftOut(section)).toEqual(['Sign-in name']);
    expect(within(section).getByText(/Your district’s admins can change the order; a change applies from the next sync\./)).toBeInTheDocument();
    expect(within(section).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Save safety settings' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(puts).toEqual([]);
  });

  it('given the server refuses the order at accountMatchOrder[1], when the admin saves, then the problem shows next to the section naming that rule, and changing the order clears it', async () => {
    safetyApi({ ...stored, accountMatchOrder: null });
    const refused: unknown[] = [];
    server.use(
      http.put('/api/v1/districts/{districtId}/safety-settings', async ({ request, response }) => {
        refused.push(await request.json());
        return response.untyped(
          problemResponse(400, 'Bad Request', 'Check the highlighted fields and try again.', [
            { field: 'accountMatchOrder[1]', message: 'is not a rule; use SOURCED_ID, IDENTIFIER, EMAIL or LOGIN' },
          ]),
        );
      }),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = await matchOrderSection();
    await user.click(within(section).getByRole('button', { name: 'Move Email address up' }));
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));

    const message = 'Rule 2 (Email address): is not a rule; use SOURCED_ID, IDENTIFIER, EMAIL or LOGIN';
    expect(await within(section).findByText(message)).toBeInTheDocument();
    expect(section).toHaveAccessibleDescription(message);
    expect(screen.getByRole('alert', { name: 'Some details need fixing' })).toBeInTheDocument();
    expect(refused).toEqual([{ ...stored, accountMatchOrder: ['SOURCED_ID', 'EMAIL', 'IDENTIFIER', 'LOGIN'] }]);

    await user.click(within(section).getByRole('button', { name: 'Move Email address down' }));
    expect(within(section).queryByText(message)).not.toBeInTheDocument();
  });
});

describe('Nightly dry runs on the safety settings page', () => {
  it('given two dry runs, when the admin opens the safety settings, then each shows newest first in the district timezone with what it would change in words, what it read, and a link to its plan', async () => {
    safetyApi();
    shadowRunsApi(dryRuns);
    const { user, router, container } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });

    const section = screen.getByRole('region', { name: 'Nightly dry runs' });
    const table = await within(section).findByRole('table', { name: /^Dry runs, newest first/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/Nov 24, 2026, 12:10\sAM PST/);
    expect(within(rows[0]).getByText('12 would gain a license, 3 would lose one, 2 would get no seat')).toBeInTheDocument();
    expect(within(rows[0]).getByText('12 schools, 1,957 people, 4,210 enrollments')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent(/Nov 23, 2026, 12:10\sAM PST/);
    expect(within(rows[1]).getByText('The dry run failed: The SIS answered 503 Service Unavailable.')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Not reported')).toBeInTheDocument();
    expect(within(section).getByText('Showing 1–2 of 2 dry runs')).toBeInTheDocument();
    // The settings form is still there, above.
    expect(screen.getByRole('button', { name: 'Save safety settings' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    const view = within(rows[0]).getByRole('link', { name: /^View the plan of the dry run of Nov 24, 2026/ });
    expect(view).toHaveAttribute('href', `/districts/${HARBOR.id}/imports?run=${DRY_RUN_ID}`);
    expect(within(rows[1]).getByRole('link', { name: /^View the run of the dry run of Nov 23, 2026/ })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/imports?run=${FAILED_DRY_RUN_ID}`,
    );
    await user.click(view);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}/imports`));
    expect(router.state.location.search).toBe(`?run=${DRY_RUN_ID}`);
  });

  it('given no dry run yet, when the admin opens the safety settings, then the section says what dry runs are and how to get them', async () => {
    safetyApi();
    const { container } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = screen.getByRole('region', { name: 'Nightly dry runs' });
    expect(await within(section).findByRole('heading', { name: 'No dry runs yet' })).toBeInTheDocument();
    expect(
      within(section).getByText(
        'Switch on nightly dry runs above while the district is in setup; each night Rosterline then reads your SIS and shows here who would gain or lose a license, without changing anything.',
      ),
    ).toBeInTheDocument();
    expect(within(section).queryByRole('table')).not.toBeInTheDocument();
    // The control the empty state points to is there, above.
    expect(await screen.findByRole('switch', { name: /^Nightly dry runs while the district is in setup/ })).toBeChecked();
    await expectNoAxeViolations(container);
  });

  it('given 25 dry runs, when the admin pages on, then the server is asked for page 1 and the last five show', async () => {
    safetyApi();
    const many = Array.from({ length: 25 }, (_, i) =>
      dryRun(`7b1c2d3e-0000-4000-8000-${String(200 + i).padStart(12, '0')}`, new Date(Date.UTC(2026, 10, 30 - i, 8, 10)).toISOString()),
    );
    const { pagesAsked } = shadowRunsApi(many);
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = screen.getByRole('region', { name: 'Nightly dry runs' });

    expect(await within(section).findByText('Showing 1–20 of 25 dry runs')).toBeInTheDocument();
    expect(within(section).getAllByRole('link', { name: /^View the plan/ })).toHaveLength(20);
    await user.click(within(section).getByRole('button', { name: 'Page 2' }));
    expect(await within(section).findByText('Showing 21–25 of 25 dry runs')).toBeInTheDocument();
    const links = within(section).getAllByRole('link', { name: /^View the plan/ });
    expect(links).toHaveLength(5);
    expect(links[0]).toHaveAttribute('href', `/districts/${HARBOR.id}/imports?run=${many[20].id}`);
    await waitFor(() => expect(pagesAsked).toEqual(['0/20', '1/20']));
  });

  it('given the dry runs cannot be loaded, when the admin opens the safety settings, then the plain error shows in their section and the settings still save', async () => {
    const { puts } = safetyApi();
    server.use(
      http.get('/api/v1/districts/{districtId}/shadow-runs', ({ response }) => response.untyped(problemResponse(500, 'Internal Server Error'))),
    );
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const section = screen.getByRole('region', { name: 'Nightly dry runs' });

    const alert = await within(section).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side');
    expect(alert).toHaveTextContent('Try again in a minute. If it keeps happening, contact Rosterline support.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();

    const peopleShare = await screen.findByRole('textbox', { name: /^People: share removed/ });
    await user.clear(peopleShare);
    await user.type(peopleShare, '20');
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));
    expect(await screen.findByText('Safety settings saved. The next sync is judged by them.')).toBeInTheDocument();
    expect(puts).toEqual([{ ...storedByANewerApi, userRemovalPercent: 20 }]);
  });

  it('given dry runs off, when the admin switches them on and saves, then the settings are sent with shadowNightly on and nothing else changed', async () => {
    const { puts } = safetyApi({ ...stored, shadowNightly: false });
    const { user } = await renderInDistrict(<SafetySettingsPage canEdit />, { subPath: '/safety' });
    const toggle = await screen.findByRole('switch', { name: /^Nightly dry runs while the district is in setup/ });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save safety settings' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({ ...stored, shadowNightly: true });
  });
});

describe('Safety settings form values', () => {
  it('puts the SIS record id first in every order it builds, and leaves it out of the rules that move', () => {
    // A district whose order does not name SOURCED_ID: the matcher tries it first all the same.
    expect(readOrder(['EMAIL', 'LOGIN'])).toEqual({ tried: ['EMAIL', 'LOGIN'], leftOut: ['IDENTIFIER'] });
    expect(move(['EMAIL', 'LOGIN'], 'LOGIN', -1)).toEqual(['SOURCED_ID', 'LOGIN', 'EMAIL']);
    expect(move(null, 'IDENTIFIER', -1)).toEqual(['SOURCED_ID', 'IDENTIFIER', 'EMAIL', 'LOGIN']);
    expect(leaveOut(null, 'EMAIL')).toEqual(['SOURCED_ID', 'IDENTIFIER', 'LOGIN']);
    expect(putBack(['SOURCED_ID'], 'LOGIN')).toEqual(['SOURCED_ID', 'LOGIN']);
    // Every rule but the SIS record id left out is still an order the server accepts.
    expect(['IDENTIFIER', 'EMAIL', 'LOGIN'].reduce<string[] | null>((order, rule) => leaveOut(order, rule), null)).toEqual(['SOURCED_ID']);
  });

  it('reads the server’s problem with the order, whole or for one rule of the order sent', () => {
    const refused = (field: string) =>
      new ApiError({ status: 400, title: 'Bad Request', fieldErrors: { [field]: 'name at least one rule' } });
    expect(matchOrderError(refused('accountMatchOrder'), [])).toBe('name at least one rule');
    expect(matchOrderError(refused('put.body.accountMatchOrder[2]'), ['SOURCED_ID', 'IDENTIFIER', 'LOGIN'])).toBe('Rule 3 (Sign-in name): name at least one rule');
    expect(matchOrderError(refused('notificationEmail'), null)).toBeNull();
  });

  it('sends an emptied per-school field as null (the district-wide value applies) and an emptied email as absent', () => {
    const values = { ...toFormValues(stored), schoolUserRemovalPercent: '', notificationEmail: '  ' };
    const body = toRequestBody(stored, values);
    expect(body.schoolUserRemovalPercent).toBeNull();
    expect(body.schoolUserRemovalMinCount).toBe(20);
    expect(body.notificationEmail).toBeUndefined();
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('notificationEmail');
    expect(body.shadowNightly).toBe(true);
    expect(body.accountMatchOrder).toEqual(['SOURCED_ID', 'EMAIL', 'IDENTIFIER']);
    expect(toRequestBody(stored, { ...toFormValues(stored), accountMatchOrder: null }).accountMatchOrder).toBeNull();
  });
});
