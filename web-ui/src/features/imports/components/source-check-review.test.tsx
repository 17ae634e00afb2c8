import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict, type TestUser } from '@/testing/test-utils';
import { explainChanges } from './source-check-review';
import { ImportsPage } from './imports-page';

const STOPPED_ID = '6a7b8c9d-0000-4000-8000-000000000001';
const NEXT_ID = '6a7b8c9d-0000-4000-8000-000000000002';
const harborIntegrator: TestUser = { name: 'Ivy Integrator', roles: ['integrator'], districts: [HARBOR.id] };

const EMAIL_SENTENCE =
  "The source's users no longer carry email: 298 of the 298 that had it would lose it, so the email column seems to be missing or renamed since the last good run.";
const stopped: Schemas['Run'] = {
  id: STOPPED_ID,
  districtId: HARBOR.id,
  kind: 'NIGHTLY',
  trigger: 'schedule',
  status: 'FAILED',
  createdAt: '2026-11-24T08:00:00Z',
  finishedAt: '2026-11-24T08:03:00Z',
  error: `${EMAIL_SENTENCE} The run was stopped so that this does not turn into mass removals; nothing was applied. (POST .../runs/{runId}/accept-source-change)`,
  sourceCheck: {
    changes: [{ check: 'COLUMNS', column: 'email', text: EMAIL_SENTENCE }],
    failedAt: '2026-11-24T08:03:00Z',
    accepted: false,
  },
};

/** A run the source checks stopped, on a server that accepts the change once and queues the next import; answers can be held back. */
function stoppedRunApi({ acceptFails = false, importBusy = false } = {}) {
  const runs = new Map<string, Schemas['Run']>([[STOPPED_ID, stopped]]);
  const calls: string[] = [];
  let letAcceptAnswer: () => void = () => {};
  const acceptAnswered = new Promise<void>((resolve) => (letAcceptAnswer = resolve));
  const list = () => [...runs.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  server.use(
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: list(), page: 0, size: 10, total: runs.size })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ params, response }) => response(200).json(runs.get(params.runId)!)),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/accept-source-change', async ({ params, response }) => {
      calls.push(`accept ${params.runId}`);
      await acceptAnswered;
      if (acceptFails) return response.untyped(problemResponse(409, 'Conflict', 'This source change was already accepted by harbor-admin.'));
      const run = runs.get(params.runId)!;
      runs.set(params.runId, { ...run, sourceCheck: { ...run.sourceCheck!, accepted: true, acceptedBy: 'harbor-admin', acceptedAt: '2026-11-24T15:40:00Z' } });
      return response(200).json({ runId: params.runId, reason: run.error, failedAt: run.sourceCheck!.failedAt, acceptedBy: 'harbor-admin', acceptedAt: '2026-11-24T15:40:00Z' });
    }),
    http.post('/api/v1/districts/{districtId}/runs', async ({ request, response }) => {
      const body = await request.json();
      calls.push(`request ${body.kind}`);
      if (importBusy) return response.untyped(problemResponse(409, 'Conflict', 'A run is already queued for this district.'));
      const next: Schemas['Run'] = { id: NEXT_ID, districtId: HARBOR.id, kind: 'MANUAL_IMPORT', trigger: 'admin', status: 'QUEUED', createdAt: '2026-11-24T15:41:00Z' };
      runs.set(NEXT_ID, next);
      return response(202).json(next);
    }),
  );
  return { calls, letAcceptAnswer };
}

describe('A run the source checks stopped', () => {
  it('explains each kind of change in plain words', () => {
    expect(
      explainChanges([
        { check: 'COLUMNS', column: 'email', text: 'x' },
        { check: 'COLUMNS', column: 'courseCode', text: 'y' },
        { check: 'ENCODING', text: 'z' },
        { check: 'SIZE', text: 'w' },
      ]),
    ).toEqual([
      "Your SIS export's columns changed: email, courseCode seem to be missing or renamed.",
      "Your SIS export's text encoding changed: letters with accents (such as é) would be saved as garbled characters.",
      'Your SIS export is much smaller than at the last good import: schools, classes or people seem to be missing from it.',
    ]);
  });

  it('given a stopped run, when the admin confirms Accept the change and import again, then it is pending, accepted, announced, a new import starts and is shown', async () => {
    const { calls, letAcceptAnswer } = stoppedRunApi();
    const { user, container, queryClient } = await renderInDistrict(<ImportsPage canEdit />, { subPath: '/imports' });
    queryClient.setQueryData(['checklist', HARBOR.id], { districtId: HARBOR.id, steps: [] });

    const why = await screen.findByRole('region', { name: 'Why this import was stopped' });
    expect(within(why).getByRole('alert')).toHaveTextContent("Your SIS export's columns changed: email seems to be missing or renamed.");
    expect(within(why).getByRole('alert')).toHaveTextContent('nobody lost an account or a license');
    expect(within(why).getByText(EMAIL_SENTENCE)).toBeInTheDocument();
    // The technical failure text (with its API path) is not shown instead.
    expect(screen.queryByText(/accept-source-change/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'The import failed' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(within(why).getByRole('button', { name: 'Accept the change and import again' }));
    const confirm = await screen.findByRole('dialog', { name: 'Accept the change and import again?' });
    expect(within(confirm).getByText(/The next import skips these source checks once/)).toBeInTheDocument();
    expect(within(confirm).getByText(/The safety limits still apply/)).toBeInTheDocument();
    expect(within(confirm).getByText(/It changes nothing until you review it and choose Sync Licenses/)).toBeInTheDocument();
    await expectNoAxeViolations(document.body);
    expect(calls).toEqual([]);

    // Keyboard only: the confirm button is reachable and pressed with Enter.
    within(confirm).getByRole('button', { name: 'Yes, accept and import again' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls).toEqual([`accept ${STOPPED_ID}`]));
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(within(confirm).getByRole('button', { name: 'Yes, accept and import again' })).toHaveAttribute('data-loading', 'true');

    letAcceptAnswer();
    expect(await screen.findByText('Change accepted: the next import skips the source checks once.')).toBeInTheDocument();
    expect(
      await screen.findByText('A new import started. It skips the source checks once; follow it below and review it before syncing licenses.'),
    ).toBeInTheDocument();
    expect(calls).toEqual([`accept ${STOPPED_ID}`, 'request MANUAL_IMPORT']);
    // The page follows the new import, and the runs and the checklist were refreshed.
    expect(await screen.findByText('Waiting for a worker to pick up the import…')).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryState(['checklist', HARBOR.id])?.isInvalidated).toBe(true));
  });

  it('given an accepted change, when anyone opens the stopped run, then who accepted it shows instead of the action', async () => {
    stoppedRunApi();
    server.use(
      http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) =>
        response(200).json({ ...stopped, sourceCheck: { ...stopped.sourceCheck!, accepted: true, acceptedBy: 'harbor-admin', acceptedAt: '2026-11-24T15:40:00Z', usedByRunId: NEXT_ID } }),
      ),
    );
    await renderInDistrict(<ImportsPage canEdit />, { subPath: '/imports' });
    const accepted = await screen.findByRole('status', { name: 'Change accepted' });
    expect(accepted).toHaveTextContent('Accepted by harbor-admin');
    expect(accepted).toHaveTextContent('The import after it skipped the source checks once.');
    expect(within(accepted).getByRole('button', { name: 'Show that import' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Accept the change and import again' })).not.toBeInTheDocument();
  });

  it('given an integrator, when they open the stopped run, then they read the explanation without the action', async () => {
    const { calls } = stoppedRunApi();
    const { container } = await renderInDistrict(<ImportsPage />, { subPath: '/imports', user: harborIntegrator });
    const why = await screen.findByRole('region', { name: 'Why this import was stopped' });
    expect(within(why).getByRole('alert')).toHaveTextContent("Your SIS export's columns changed: email");
    expect(within(why).getByText(/a district admin can accept it here/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept the change and import again' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(calls).toEqual([]);
  });

  it('given the server refuses, when the admin accepts, then the plain reason is shown, no import starts and the action stays', async () => {
    const { calls, letAcceptAnswer } = stoppedRunApi({ acceptFails: true });
    letAcceptAnswer();
    const { user } = await renderInDistrict(<ImportsPage canEdit />, { subPath: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Accept the change and import again' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Accept the change and import again?' })).getByRole('button', { name: 'Yes, accept and import again' }));
    expect(await screen.findByText(/^Accepting the change failed/)).toBeInTheDocument();
    expect(screen.getByText('This source change was already accepted by harbor-admin.')).toBeInTheDocument();
    expect(calls).toEqual([`accept ${STOPPED_ID}`]);
    expect(screen.getByRole('button', { name: 'Accept the change and import again' })).toBeEnabled();
  });

  it('given an import already on its way, when the admin accepts, then the acceptance is kept and the waiting import is said to use it', async () => {
    const { calls, letAcceptAnswer } = stoppedRunApi({ importBusy: true });
    letAcceptAnswer();
    const { user } = await renderInDistrict(<ImportsPage canEdit />, { subPath: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Accept the change and import again' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Accept the change and import again?' })).getByRole('button', { name: 'Yes, accept and import again' }));
    expect(await screen.findByText('An import is already on its way: it will skip the source checks once.')).toBeInTheDocument();
    expect(calls).toEqual([`accept ${STOPPED_ID}`, 'request MANUAL_IMPORT']);
    expect(await screen.findByRole('status', { name: 'Change accepted' })).toHaveTextContent('The next import skips the source checks once.');
  });
});
