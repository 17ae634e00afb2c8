import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { ImportsPage } from './imports-page';

const RUN_ID = '3c9e1f2a-4b5d-4e6f-8a7b-9c0d1e2f3a4b';
const baseRun: Schemas['Run'] = {
  id: RUN_ID,
  districtId: HARBOR.id,
  kind: 'MANUAL_IMPORT',
  trigger: 'admin',
  status: 'QUEUED',
  requestedBy: 'harbor-admin',
  attempt: 1,
  createdAt: '2026-11-23T18:00:00Z',
};
// The API declares counts as free JSON; this is the shape the server writes.
const counts = {
  classes: { added: 2, changed: 1, removed: 0, unchanged: 40, total: 43 },
  users: { added: 55, changed: 3, removed: 1, unchanged: 900, total: 957 },
} as unknown as Schemas['JsonNode'];
const plan: Schemas['Report'] = {
  accounts: { created: 55 },
  products: [
    {
      productId: '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f',
      sku: 'MATH-ALG1-SE',
      title: 'Algebra I Student Edition',
      edition: 'STUDENT',
      needed: 62,
      seatsAvailable: 60,
      assigned: 60,
      unseated: 2,
      gains: 57,
      losses: 1,
      pools: [],
    },
  ],
  gainsTotal: 57,
  gains: [{ sourcedId: 'u-1', name: 'Ana Lopez', role: 'student', sku: 'MATH-ALG1-SE', reason: 'enrolled in Algebra I' }],
  lossesTotal: 1,
  losses: [{ sourcedId: 'u-9', name: 'Ben Ortiz', role: 'student', sku: 'MATH-ALG1-SE', reason: 'left Algebra I' }],
  unseatedTotal: 2,
  unseated: [{ sourcedId: 'u-70', name: 'Cy Park', role: 'student', sku: 'MATH-ALG1-SE', reason: 'no seat left' }],
  allocationOrder: 'teachers first, then people who already hold the license',
};

/** A worker "on the server": each poll of the run moves it on, QUEUED -> RUNNING -> STAGED; apply makes it APPLIED. */
function importsApi() {
  let run: Schemas['Run'] | undefined;
  let polls = 0;
  const requests: Schemas['RunRequest'][] = [];
  const applied: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: run ? [run] : [], page: 0, size: 10, total: run ? 1 : 0 })),
    http.post('/api/v1/districts/{districtId}/runs', async ({ request, response }) => {
      const body = await request.json();
      requests.push(body);
      if (run && run.status !== 'APPLIED') return response.untyped(problemResponse(409, 'Conflict', 'An import is already waiting or running.'));
      run = { ...baseRun, kind: body.kind };
      polls = 0;
      return response(202).json(run);
    }),
    http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) => {
      polls += 1;
      if (run!.status === 'QUEUED' && polls > 1) {
        run = { ...run!, status: 'RUNNING', startedAt: '2026-11-23T18:00:05Z', progress: { phase: 'users', done: 40000, total: 170000, text: 'users 40,000 of 170,000' } };
      } else if (run!.status === 'RUNNING') {
        run = { ...run!, status: 'STAGED', stagedAt: '2026-11-23T18:01:00Z', durationSeconds: 55, counts, progress: undefined };
      }
      return response(200).json(run!);
    }),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/staged', ({ response }) => response(200).json({ runId: RUN_ID, status: run!.status, counts })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/classes', ({ query, response }) =>
      response(200).json({
        items: [{ sourcedId: 'cls-alg1-p1', title: 'Algebra I - Period 1', courseSourcedId: 'crs-alg1', change: query.get('change') ?? 'ADDED', students: 28, teachers: 1 }],
        page: 0,
        size: 25,
        total: 1,
      }),
    ),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/classes/{classSourcedId}/roster', ({ params, response }) => {
      expect(params.classSourcedId).toBe('cls-alg1-p1');
      return response(200).json([
        { enrollmentSourcedId: 'e-1', userSourcedId: 't-1', givenName: 'Maria', familyName: 'Lopez', role: 'teacher', status: 'active', change: 'UNCHANGED' },
        { enrollmentSourcedId: 'e-2', userSourcedId: 'u-1', givenName: 'Ana', familyName: 'Lopez', role: 'student', status: 'active', change: 'ADDED' },
      ]);
    }),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/plan', ({ response }) => response(200).json(plan)),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/apply', ({ params, response }) => {
      applied.push(params.runId);
      run = { ...run!, status: 'APPLIED', appliedAt: '2026-11-23T18:05:00Z' };
      return response(200).json(run);
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    http.get('/api/v1/districts/{districtId}/license-pools', ({ response }) => response(200).json([])),
  );
  return { requests, applied };
}

describe('Imports', () => {
  it('given no import yet, when the admin starts a Manual Import, then progress updates by itself, the staged changes, classes, rosters and plan show, and Sync Licenses applies after confirming', async () => {
    const { requests, applied } = importsApi();
    const { user, container } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });

    expect(await screen.findByText('No import yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Manual Import' }));
    expect(requests).toEqual([{ kind: 'MANUAL_IMPORT' }]);

    // Polled without any reload: queued, then the worker's progress, then staged.
    expect(await screen.findByText('Waiting for a worker to pick up the import…')).toBeInTheDocument();
    expect(await screen.findByText('users 40,000 of 170,000', {}, { timeout: 8000 })).toBeInTheDocument();
    expect(await screen.findByText('What the import changes', {}, { timeout: 8000 })).toBeInTheDocument();
    const people = await screen.findByRole('row', { name: /People 55 3 1 900 957/ });
    expect(people).toBeInTheDocument();
    expect(await screen.findByText('2 people would get no seat')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Algebra I Student Edition .* 62 60 57 1 2/ })).toBeInTheDocument();
    expect(screen.getByText('Ana Lopez')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Roster of Algebra I - Period 1' }));
    const roster = await screen.findByRole('dialog', { name: 'Roster of Algebra I - Period 1' });
    expect(await within(roster).findByText('Maria Lopez')).toBeInTheDocument();
    expect(within(roster).getByText('added')).toBeInTheDocument();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Sync Licenses' }));
    const confirm = await screen.findByRole('dialog', { name: 'Sync licenses now?' });
    expect(within(confirm).getByText('57 licenses given')).toBeInTheDocument();
    expect(within(confirm).getByText('2 people get no seat')).toBeInTheDocument();
    expect(applied).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Yes, sync licenses' }));
    await waitFor(() => expect(applied).toEqual([RUN_ID]));
    expect(await screen.findByText('Licenses synced: the roster and the license assignments are now live.')).toBeInTheDocument();
    expect(await screen.findAllByText('Licenses synced')).not.toHaveLength(0);
  });

  it('given an import already running, when the admin asks for another, then the refusal is plain; RESYNC from the history asks for a full resync', async () => {
    const { requests } = importsApi();
    const { user } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Manual Import' }));
    expect(await screen.findByText('Waiting for a worker to pick up the import…')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Manual Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An import is already on its way');
    expect(alert).toHaveTextContent('An import is already waiting or running.');

    await user.click(screen.getByRole('button', { name: 'RESYNC' }));
    await waitFor(() => expect(requests).toEqual([{ kind: 'MANUAL_IMPORT' }, { kind: 'MANUAL_IMPORT' }, { kind: 'RESYNC' }]));
  });

  it('given a nightly dry run, when the admin opens it by its link, then it says nothing was changed and shows the license plan it kept, without asking for a plan the server no longer has', async () => {
    const DRY_RUN_ID = '7b1c2d3e-0000-4000-8000-000000000101';
    const dryRun: Schemas['Run'] = {
      ...baseRun,
      id: DRY_RUN_ID,
      kind: 'SHADOW',
      trigger: 'SCHEDULE',
      status: 'SHADOWED',
      requestedBy: 'schedule',
      createdAt: '2026-11-24T08:10:00Z',
      finishedAt: '2026-11-24T08:12:00Z',
      planSummary: plan as unknown as Schemas['JsonNode'],
    };
    const plansAsked: string[] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [dryRun], page: 0, size: 10, total: 1 })),
      http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) => response(200).json(dryRun)),
      // The dry run's staged rows are gone once planned: roster-api answers 409 here.
      http.get('/api/v1/districts/{districtId}/runs/{runId}/plan', ({ params, response }) => {
        plansAsked.push(params.runId);
        return response.untyped(problemResponse(409, 'Conflict', 'The run is neither staged nor applied.'));
      }),
    );
    const { container } = await renderInDistrict(<ImportsPage />, { subPath: `/imports?run=${DRY_RUN_ID}` });

    const run = await screen.findByRole('region', { name: /^Dry run \(shadow mode\) of Nov 24, 2026/ });
    expect(within(run).getByText('Dry run kept (not applied)')).toBeInTheDocument();
    expect(within(run).getByText(/it shows what a sync would do and changes nothing/)).toBeInTheDocument();
    const kept = within(run).getByRole('region', { name: 'License plan' });
    expect(within(kept).getByText('2 people would get no seat')).toBeInTheDocument();
    expect(within(kept).getByRole('row', { name: /Algebra I Student Edition .* 62 60 57 1 2/ })).toBeInTheDocument();
    expect(within(kept).getByText('Ana Lopez')).toBeInTheDocument();
    expect(within(run).queryByRole('button', { name: 'Sync Licenses' })).not.toBeInTheDocument();
    expect(plansAsked).toEqual([]);
    await expectNoAxeViolations(container);
  });
});
