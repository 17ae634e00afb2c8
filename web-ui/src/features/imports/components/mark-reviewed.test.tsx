import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { ImportsPage } from './imports-page';

const RUN_ID = '5e6f7a8b-0000-4000-8000-000000000001';
const staged: Schemas['Run'] = {
  id: RUN_ID,
  districtId: HARBOR.id,
  kind: 'MANUAL_IMPORT',
  trigger: 'admin',
  status: 'STAGED',
  requestedBy: 'harbor-admin',
  createdAt: '2026-11-23T18:00:00Z',
  stagedAt: '2026-11-23T18:01:00Z',
};
// The API declares counts as free JSON; this is the shape the server writes.
const counts = { users: { added: 2, changed: 0, removed: 0, unchanged: 10, total: 12 } } as unknown as Schemas['JsonNode'];
const plan: Schemas['Report'] = { products: [], gainsTotal: 0, gains: [], lossesTotal: 0, losses: [], unseatedTotal: 0, unseated: [] };
const checklistWith = (state: Schemas['StepState']): Schemas['Checklist'] => ({
  districtId: HARBOR.id,
  steps: [{ key: 'STAGED_REVIEW', title: 'Import and review', state }],
});

/** A staged import on the server; the review answer waits until the test lets it go, so the pending state can be seen. */
function stagedRunApi({ reviewFails = false } = {}) {
  let run = { ...staged };
  const reviews: string[] = [];
  let letReviewAnswer: () => void = () => {};
  const reviewAnswered = new Promise<void>((resolve) => (letReviewAnswer = resolve));
  server.use(
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [run], page: 0, size: 10, total: 1 })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) => response(200).json(run)),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/staged', ({ response }) => response(200).json({ runId: RUN_ID, status: run.status, counts })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/classes', ({ response }) => response(200).json({ items: [], page: 0, size: 25, total: 0 })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/plan', ({ response }) => response(200).json(plan)),
    http.post('/api/v1/districts/{districtId}/runs/{runId}/review', async ({ params, response }) => {
      reviews.push(params.runId);
      await reviewAnswered;
      if (reviewFails) return response.untyped(problemResponse(409, 'Conflict', 'This import can no longer be reviewed: a later one was applied.'));
      run = { ...run, reviewedAt: '2026-11-23T18:10:00Z', reviewedBy: 'harbor-admin' };
      return response(200).json(run);
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json(checklistWith(run.reviewedAt ? 'DONE' : 'NOT_STARTED'))),
  );
  return { reviews, letReviewAnswer };
}

describe('Mark reviewed', () => {
  it('given a staged import, when the admin confirms Mark reviewed, then it is pending until the server answers, then announced, shown as reviewed and the checklist is refreshed', async () => {
    const { reviews, letReviewAnswer } = stagedRunApi();
    const { user, container, queryClient } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });
    // What the district layout's checklist holds while this page is open.
    queryClient.setQueryData(['checklist', HARBOR.id], checklistWith('NOT_STARTED'));

    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    const confirm = await screen.findByRole('dialog', { name: 'Mark this import reviewed?' });
    expect(within(confirm).getByText(/It does not change any roster or license/)).toBeInTheDocument();
    expect(within(confirm).getByText(/completes the checklist step “Import and review”/)).toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(reviews).toEqual([]);

    await user.click(within(confirm).getByRole('button', { name: 'Yes, mark reviewed' }));
    await waitFor(() => expect(reviews).toEqual([RUN_ID]));
    expect(within(confirm).getByRole('button', { name: 'Yes, mark reviewed' })).toBeDisabled();
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Mark reviewed', hidden: true })).toBeDisabled();

    letReviewAnswer();
    expect(await screen.findByText('Import marked reviewed: the checklist step “Import and review” is done.')).toBeInTheDocument();
    const reviewed = await screen.findByRole('status', { name: 'Reviewed' });
    expect(reviewed).toHaveTextContent('Marked reviewed by harbor-admin');
    expect(reviewed).toHaveTextContent('Rosters and licenses change only when you choose Sync Licenses.');
    expect(screen.queryByRole('button', { name: 'Mark reviewed' })).not.toBeInTheDocument();
    // Sync Licenses stays available: reviewing applies nothing.
    expect(screen.getByRole('button', { name: 'Sync Licenses' })).toBeEnabled();
    await waitFor(() => expect(queryClient.getQueryState(['checklist', HARBOR.id])?.isInvalidated).toBe(true));
    expect(reviews).toEqual([RUN_ID]);
  });

  it('given the admin changes their mind, when they cancel the confirmation, then nothing is sent', async () => {
    const { reviews } = stagedRunApi();
    const { user } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    const confirm = await screen.findByRole('dialog', { name: 'Mark this import reviewed?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Mark this import reviewed?' })).not.toBeInTheDocument());
    expect(reviews).toEqual([]);
    expect(screen.getByRole('button', { name: 'Mark reviewed' })).toBeEnabled();
  });

  it('given the server refuses, when the admin marks reviewed, then the plain reason is shown and the button is offered again', async () => {
    const { letReviewAnswer } = stagedRunApi({ reviewFails: true });
    letReviewAnswer();
    const { user } = await renderInDistrict(<ImportsPage />, { subPath: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Mark this import reviewed?' })).getByRole('button', { name: 'Yes, mark reviewed' }));
    expect(await screen.findByText(/^Marking the import reviewed failed/)).toBeInTheDocument();
    expect(screen.getByText('This import can no longer be reviewed: a later one was applied.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark reviewed' })).toBeEnabled();
  });

  it('given an import reviewed earlier, when the admin opens it, then who reviewed it shows instead of the button', async () => {
    stagedRunApi();
    server.use(
      http.get('/api/v1/districts/{districtId}/runs/{runId}', ({ response }) =>
        response(200).json({ ...staged, reviewedAt: '2026-11-23T18:10:00Z', reviewedBy: 'harbor-admin' }),
      ),
    );
    await renderInDistrict(<ImportsPage />, { subPath: '/imports' });
    expect(await screen.findByRole('status', { name: 'Reviewed' })).toHaveTextContent('Marked reviewed by harbor-admin');
    expect(screen.queryByRole('button', { name: 'Mark reviewed' })).not.toBeInTheDocument();
  });
});
