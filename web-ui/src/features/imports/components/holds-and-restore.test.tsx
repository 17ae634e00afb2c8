import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { ImportsPage } from './imports-page';

const HELD_ID = '4d5e6f70-0000-4000-8000-000000000001';
const APPLIED_ID = '4d5e6f70-0000-4000-8000-000000000002';
const RESTORE_ID = '4d5e6f70-0000-4000-8000-000000000003';
const PRODUCT = '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f';

const held: Schemas['Run'] = {
  id: HELD_ID,
  districtId: HARBOR.id,
  kind: 'NIGHTLY',
  trigger: 'schedule',
  status: 'HELD',
  createdAt: '2026-11-24T08:00:00Z',
  stagedAt: '2026-11-24T08:04:00Z',
  // The API declares counts as free JSON; this is the shape the server writes.
  counts: { enrollments: { added: 3, changed: 0, removed: 412, unchanged: 18, total: 21 } } as unknown as Schemas['JsonNode'],
};
const hold: Schemas['RunHold'] = {
  runId: HELD_ID,
  reason: 'Lincoln High would lose 412 of 430 enrollments (96 %).',
  // Free JSON in the API; the server writes SafetyGate findings.
  findings: [
    { scope: 'SCHOOL:sch-0002', scopeName: 'Lincoln High', recordType: 'enrollments', lost: 412, total: 430, percent: 95.8, text: 'Lincoln High would lose 412 of 430 enrollments (96 %)' },
  ] as unknown as Schemas['JsonNode'],
  additionsApplied: true,
  heldAt: '2026-11-24T08:05:00Z',
};
const appliedPlan: Schemas['Report'] = {
  products: [{ productId: PRODUCT, sku: 'MATH-ALG1-SE', title: 'Algebra I Student Edition', edition: 'STUDENT', needed: 2, seatsAvailable: 40, assigned: 2, unseated: 0, gains: 1, losses: 0, pools: [] }],
  gainsTotal: 1,
  gains: [{ sourcedId: 'stu-000007', name: 'Ana Lopez', role: 'student', sku: 'MATH-ALG1-SE', reason: 'enrolled in a licensed course' }],
  lossesTotal: 0,
  losses: [],
  unseatedTotal: 0,
  unseated: [],
};

function safetyApi(initial: Schemas['Run'][]) {
  const runs = new Map(initial.map((r) => [r.id!, r]));
  const calls: string[] = [];
  const list = () => [...runs.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  server.use(
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: list(), page: 0, size: 10, total: runs.size })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ params, response }) => response(200).json(runs.get(params.runId)!)),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/hold', ({ params, response }) => {
      const run = runs.get(params.runId)!;
      return response(200).json(
        run.status === 'DISCARDED' ? { ...hold, decision: 'DISCARDED', decidedBy: 'harbor-admin', decidedAt: '2026-11-24T16:00:00Z' } : hold,
      );
    }),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/staged', ({ params, response }) =>
      response(200).json({ runId: params.runId, status: runs.get(params.runId)!.status, counts: runs.get(params.runId)!.counts ?? {} }),
    ),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/classes', ({ response }) => response(200).json({ items: [], page: 0, size: 25, total: 0 })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/classes/{classSourcedId}/roster', ({ params, response }) => {
      calls.push(`roster ${params.classSourcedId}`);
      return response(200).json([
        { enrollmentSourcedId: 'enr-1', userSourcedId: 'tch-00003', givenName: 'Maria', familyName: 'Lopez', role: 'teacher', status: 'active', change: 'UNCHANGED' },
      ]);
    }),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/plan', ({ response }) => response(200).json(appliedPlan)),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/approve', ({ params, response }) => {
      calls.push(`approve ${params.runId}`);
      const run = { ...runs.get(params.runId)!, status: 'APPLIED' as const, appliedAt: '2026-11-24T16:00:00Z' };
      runs.set(params.runId, run);
      return response(200).json(run);
    }),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/discard', ({ params, response }) => {
      calls.push(`discard ${params.runId}`);
      const run = { ...runs.get(params.runId)!, status: 'DISCARDED' as const, error: 'Discarded by harbor-admin after it was held; its removals were never applied.' };
      runs.set(params.runId, run);
      return response(200).json(run);
    }),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/restore', ({ params, response }) => {
      calls.push(`restore ${params.runId}`);
      const run: Schemas['Run'] = { id: RESTORE_ID, districtId: HARBOR.id, kind: 'RESTORE', status: 'STAGED', requestedBy: 'harbor-admin', createdAt: '2026-11-25T09:00:00Z' };
      runs.set(RESTORE_ID, run);
      return response.untyped(Response.json(run, { status: 201 }));
    }),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/apply', ({ params, response }) => {
      calls.push(`apply ${params.runId}`);
      const run = { ...runs.get(params.runId)!, status: 'APPLIED' as const, appliedAt: '2026-11-25T09:05:00Z' };
      runs.set(params.runId, run);
      return response(200).json(run);
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    http.get('/api/v1/districts/{districtId}/license-pools', ({ response }) => response(200).json([])),
  );
  return calls;
}

describe('Imports: held syncs, restores and what a sync changed', () => {
  it('given a held nightly sync, when the admin opens it, then the plain reason per school shows and approving applies it after a confirmation', async () => {
    const calls = safetyApi([held]);
    const { user, container } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });

    expect(await screen.findByText('Why this sync was held')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Held for your review' })).toHaveTextContent('Lincoln High would lose 412 of 430 enrollments (96 %).');
    expect(screen.getByText(/only its removals wait for your decision/)).toBeInTheDocument();
    expect(screen.getByRole('row', { name: 'Lincoln High enrollments 412 of 430 95.8 %' })).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /Enrollments 3 0 412 18 21/ })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Approve and apply…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply the held sync as it is?' });
    expect(within(dialog).getByText(/the removals included: Lincoln High would lose 412/)).toBeInTheDocument();
    expect(calls).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, apply it' }));

    await waitFor(() => expect(calls).toEqual([`approve ${HELD_ID}`]));
    expect(await screen.findByText('Approved: the held sync was applied as it was.')).toBeInTheDocument();
    expect(await screen.findByText('What this sync changed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve and apply…' })).not.toBeInTheDocument();
    // The applied report links each person to the "why" lookup for that license.
    expect(screen.getByRole('link', { name: 'Why Ana Lopez and MATH-ALG1-SE?' })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/imports?whyUser=stu-000007&whyProduct=${PRODUCT}#license-why`,
    );
  });

  it('given a held sync, when the admin discards it, then it says its removals were never applied and who decided', async () => {
    const calls = safetyApi([held]);
    const { user } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });

    await user.click(await screen.findByRole('button', { name: 'Discard…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard the held sync?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, discard it' }));

    await waitFor(() => expect(calls).toEqual([`discard ${HELD_ID}`]));
    expect(await screen.findByRole('heading', { name: 'This sync was held' })).toBeInTheDocument();
    expect(screen.getByText(/Discarded by harbor-admin Nov 24, 2026, 8:00 AM PST/)).toBeInTheDocument();
    const run = screen.getByRole('region', { name: /^Nightly sync of/ });
    expect(within(run).getByText('Discarded by harbor-admin after it was held; its removals were never applied.')).toBeInTheDocument();
    expect(within(run).queryByRole('button', { name: 'Discard…' })).not.toBeInTheDocument();
  });

  it('given an applied sync in the history, when the admin restores it, then a restore is prepared, shown with its plan, and applied only on Sync Licenses', async () => {
    const applied: Schemas['Run'] = { ...held, id: APPLIED_ID, kind: 'MANUAL_IMPORT', status: 'APPLIED', appliedAt: '2026-11-24T09:00:00Z', counts: undefined };
    const calls = safetyApi([applied]);
    const { user, container } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });

    const history = await screen.findByRole('region', { name: 'History' });
    await user.click(await within(history).findByRole('button', { name: /^Restore the licenses of Nov 24, 2026/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore the licenses of this sync?' });
    expect(within(dialog).getByText(/Nothing changes until you press Sync Licenses/)).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(within(dialog).getByRole('button', { name: 'Prepare the restore' }));

    await waitFor(() => expect(calls).toEqual([`restore ${APPLIED_ID}`]));
    expect(await screen.findByRole('heading', { name: /^Restore of an earlier sync of Nov 25, 2026/ })).toBeInTheDocument();
    expect(await screen.findByText('License plan')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sync Licenses' }));
    const confirm = await screen.findByRole('dialog', { name: 'Sync licenses now?' });
    expect(within(confirm).getByText(/puts the license assignments back as the earlier sync left them/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Yes, sync licenses' }));
    await waitFor(() => expect(calls).toEqual([`restore ${APPLIED_ID}`, `apply ${RESTORE_ID}`]));
  });

  it('given a teacher names a class by its ClassId, when the admin opens it, then that class roster shows', async () => {
    const applied: Schemas['Run'] = { ...held, id: APPLIED_ID, kind: 'MANUAL_IMPORT', status: 'APPLIED', appliedAt: '2026-11-24T09:00:00Z' };
    const calls = safetyApi([applied]);
    const { user } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });

    const lookup = await screen.findByRole('form', { name: 'Open a class roster by ClassId' });
    await user.type(within(lookup).getByRole('textbox', { name: 'ClassId' }), 'cls-000042');
    await user.click(within(lookup).getByRole('button', { name: 'Open roster' }));

    const roster = await screen.findByRole('dialog', { name: 'Roster of cls-000042' });
    expect(await within(roster).findByText('Maria Lopez')).toBeInTheDocument();
    expect(calls).toEqual(['roster cls-000042']);
  });
});
