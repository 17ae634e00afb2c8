import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { ReadinessPage } from './readiness-page';

const RUN = '7b8c9d0e-0000-4000-8000-000000000001';
const DANA = '7d0c1f4e-7a51-4b6e-9d7e-3c1f0b8e2a10';
const ELI = '0b6f3a0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

const formatMatch: Schemas['ReadinessFinding'] = {
  kind: 'ACCOUNT_FORMAT_MATCH',
  blocking: true,
  title: 'Incoming people matching an existing account in another format',
  count: 2,
  records: [
    { detail: 'tch-00003 (dana.reyes.t3@sandbox.k12.example) matches account Dana.Reyes.t3@sandbox.k12.example (letter case differs)', sourcedIds: ['tch-00003'], accountId: DANA },
    { detail: 'tch-00007 (eli.stone.t7@sandbox.k12.example) matches account eli.stone.t7@harbor.k12.ca.us (other email domain)', sourcedIds: ['tch-00007'], accountId: ELI },
  ],
  suggestedFix: 'Link the account to the incoming record (action LINK) so it keeps its licenses and history instead of a second account being created.',
  acknowledged: false,
};
const termNotStarted: Schemas['ReadinessFinding'] = {
  kind: 'TERM_NOT_STARTED',
  blocking: false,
  title: 'Terms that have not started',
  count: 1,
  records: [{ detail: 'Term Spring 2027 Semester starts on 2027-01-19', sourcedIds: ['as-2027-t2'] }],
  suggestedFix: 'Set an override start on the term if students need access before it starts.',
  acknowledged: false,
};

const STU = '5a1b2c3d-0000-4000-8000-000000000123';
const STU_DUP = '5a1b2c3d-0000-4000-8000-000000900123';
const duplicatePerson: Schemas['ReadinessFinding'] = {
  kind: 'DUPLICATE_PERSON',
  blocking: true,
  title: 'The same person twice',
  count: 1,
  records: [
    {
      detail: 'Same email ana.lopez@harbor.k12.example on stu-000123, stu-900123',
      sourcedIds: ['stu-000123', 'stu-900123'],
      accountIds: [STU, STU_DUP],
    },
  ],
  suggestedFix: 'Ask the SIS to merge the records into one; if Rosterline already holds an account for each, merge the accounts (action MERGE).',
  acknowledged: false,
};

function readinessApi(initial: Schemas['ReadinessFinding'][]) {
  let findings = initial;
  const merges: Schemas['AccountMerge'][] = [];
  const calls: unknown[] = [];
  const review = (): Schemas['Readiness'] => ({ runId: RUN, done: !findings.some((f) => f.blocking && !f.acknowledged), findings });
  server.use(
    http.get('/api/v1/districts/{districtId}/readiness', ({ response }) => response(200).json(review())),
    http.post('/api/v1/districts/{districtId}/readiness/acknowledgements', async ({ request, response }) => {
      const body = await request.json();
      calls.push({ acknowledge: body });
      findings = findings.map((f) => (f.kind === body.kind ? { ...f, acknowledged: true } : f));
      return response(200).json(review());
    }),
    http.post('/api/v1/districts/{districtId}/readiness/actions', async ({ request, response }) => {
      const body = await request.json();
      calls.push({ actions: body.actions });
      const linked = body.actions.map((a, i) => ({
        id: `9a000000-0000-4000-8000-00000000000${merges.length + i}`,
        kind: a.type,
        accountId: a.accountId,
        sourcedId: a.sourcedId,
        movedAssignments: 1,
        droppedAssignments: 0,
        createdBy: 'harbor-admin',
        createdAt: '2026-11-24T17:00:00Z',
      }));
      merges.unshift(...linked);
      const done = new Set(body.actions.flatMap((a) => [a.accountId, a.mergeAccountId]));
      findings = findings
        .map((f) => ({ ...f, records: (f.records ?? []).filter((r) => !done.has(r.accountId!) && !(r.accountIds ?? []).some((a) => done.has(a!))) }))
        .map((f) => ({ ...f, count: f.records!.length }))
        .filter((f) => f.count > 0);
      return response(200).json(linked);
    }),
    http.get('/api/v1/districts/{districtId}/account-merges', ({ response }) => response(200).json({ items: merges, page: 0, size: 10, total: merges.length })),
    // The account review queue has its own tests (account-reviews.test.tsx); here it is empty.
    http.get('/api/v1/districts/{districtId}/account-reviews', ({ response }) => response(200).json({ items: [], page: 0, size: 10, total: 0 })),
    http.post('/api/v1/districts/{districtId}/account-merges/{mergeId}/undo', ({ params, response }) => {
      calls.push({ undo: params.mergeId });
      const i = merges.findIndex((m) => m.id === params.mergeId);
      merges[i] = { ...merges[i], undoneBy: 'harbor-admin', undoneAt: '2026-11-24T18:00:00Z' };
      return response(200).json(merges[i]);
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    http.get('/api/v1/districts/{districtId}/schedule', ({ response }) => response(200).json({ mode: 'SETUP' })),
  );
  return calls;
}

describe('Readiness review', () => {
  it('given accounts in another format, when the admin links the selected one, then it is linked in bulk, leaves the findings, and can be undone', async () => {
    const calls = readinessApi([formatMatch, termNotStarted]);
    const { user, container } = await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });

    expect(await screen.findByRole('status', { name: '1 blocking finding to fix or acknowledge' })).toBeInTheDocument();
    const finding = screen.getByRole('region', { name: 'Incoming people matching an existing account in another format (2)' });
    expect(within(finding).getByText('Blocks going live')).toBeInTheDocument();
    expect(within(finding).getByText(/Link the account to the incoming record/)).toBeInTheDocument();
    const advice = screen.getByRole('region', { name: 'Terms that have not started (1)' });
    expect(within(advice).getByText('Advice')).toBeInTheDocument();
    expect(within(advice).getByText('Set an override start on the term if students need access before it starts.')).toBeInTheDocument();
    expect(within(advice).queryByRole('button', { name: /^Link/ })).not.toBeInTheDocument();
    expect(await screen.findByText(/No account was linked or merged yet/)).toBeInTheDocument();
    await expectNoAxeViolations(container);

    const linkSelected = within(finding).getByRole('button', { name: 'Link selected (0)' });
    expect(linkSelected).toBeDisabled();
    await user.click(within(finding).getByRole('checkbox', { name: /^Select: tch-00003/ }));
    await user.click(within(finding).getByRole('button', { name: 'Link selected (1)' }));

    await waitFor(() => expect(calls).toEqual([{ actions: [{ type: 'LINK', accountId: DANA, sourcedId: 'tch-00003' }] }]));
    expect(await screen.findByText('Linked 1 account to the incoming records. Each can be undone below.')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Incoming people matching an existing account in another format (1)' })).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'Links and merges' });
    const undo = await within(history).findByRole('button', { name: `Undo: Linked account ${DANA} to tch-00003` });
    expect(within(history).getByText('1 moved, 0 dropped')).toBeInTheDocument();
    expect(within(history).getByText('Nov 24, 2026, 9:00 AM PST')).toBeInTheDocument();

    await user.click(undo);
    await waitFor(() => expect(calls).toContainEqual({ undo: '9a000000-0000-4000-8000-000000000000' }));
    expect(await within(history).findByText('Undone by harbor-admin Nov 24, 2026, 10:00 AM PST')).toBeInTheDocument();
  });

  it('given the same person twice with an account each, when the admin merges them and confirms, then the second account is folded into the first', async () => {
    const calls = readinessApi([duplicatePerson]);
    const { user, container } = await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });

    const finding = await screen.findByRole('region', { name: 'The same person twice (1)' });
    expect(within(finding).queryByRole('button', { name: /^Link/ })).not.toBeInTheDocument();
    await user.click(within(finding).getByRole('button', { name: /^Merge accounts: Same email ana.lopez/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge the two accounts into one?' });
    expect(within(dialog).getByText(/The account of stu-000123 stays; the account of stu-900123 is closed/)).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));

    await waitFor(() => expect(calls).toEqual([{ actions: [{ type: 'MERGE', accountId: STU, mergeAccountId: STU_DUP }] }]));
    expect(await screen.findByText('Merged the account of stu-900123 into stu-000123: 1 license moved. It can be undone below.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'The same person twice (1)' })).not.toBeInTheDocument());
  });

  it('given the same person twice without accounts yet, then no merge is offered (the SIS is the place to fix it)', async () => {
    // The API declares accountIds as string[] but writes null where a sourcedId has no account yet (its description says so).
    const noAccounts = [null, null] as unknown as string[];
    readinessApi([{ ...duplicatePerson, records: [{ ...duplicatePerson.records![0], accountIds: noAccounts }] }]);
    await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });
    const finding = await screen.findByRole('region', { name: 'The same person twice (1)' });
    expect(within(finding).queryByRole('button', { name: /^Merge accounts/ })).not.toBeInTheDocument();
  });

  it('given a blocking finding that is expected, when the admin acknowledges it, then the review is done and points to the schedule', async () => {
    const calls = readinessApi([formatMatch]);
    const { user } = await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });

    await user.click(await screen.findByRole('button', { name: `Acknowledge: ${formatMatch.title}` }));

    await waitFor(() => expect(calls).toEqual([{ acknowledge: { kind: 'ACCOUNT_FORMAT_MATCH' } }]));
    expect(await screen.findByRole('status', { name: 'No blocking finding left' })).toBeInTheDocument();
    expect(screen.getByText('Acknowledged')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go on to the schedule' })).toHaveAttribute('href', `/districts/${HARBOR.id}/schedule`);
    expect(screen.queryByRole('button', { name: `Acknowledge: ${formatMatch.title}` })).not.toBeInTheDocument();
  });

  it('given the roster just changed and the review is being recomputed, then the last findings show with a plain note', async () => {
    readinessApi([termNotStarted]);
    server.use(
      http.get('/api/v1/districts/{districtId}/readiness', ({ response }) =>
        response(200).json({ runId: RUN, done: true, findings: [termNotStarted], refreshing: true }),
      ),
    );
    await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });
    expect(await screen.findByRole('status', { name: 'Updating the review' })).toHaveTextContent(/These findings are from before that change/);
    expect(screen.getByRole('region', { name: 'Terms that have not started (1)' })).toBeInTheDocument();
  });

  it('given a clean roster, then it says there is nothing to review and the district may go on', async () => {
    readinessApi([]);
    await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'No blocking finding left' })).toBeInTheDocument();
  });

  it('given the review cannot be computed, then the reason is plain and it can be tried again', async () => {
    readinessApi([]);
    server.use(
      http.get('/api/v1/districts/{districtId}/readiness', ({ response }) =>
        response.untyped(problemResponse(503, 'Service Unavailable', 'The database is busy; try again in a minute.')),
      ),
    );
    await renderInDistrict(<ReadinessPage />, { subPath: '/readiness' });
    // Server trouble is not the admin's to debug: a plain sentence and a retry.
    const alert = await screen.findByRole('alert', { name: 'Something went wrong on our side' });
    expect(alert).toHaveTextContent('Try again in a minute.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
