import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict, type TestUser } from '@/testing/test-utils';
import { REVIEWS_PAGE } from './account-reviews';
import { ReadinessPage } from './readiness-page';

const harborIntegrator: TestUser = { name: 'Ivy Integrator', roles: ['integrator'], districts: [HARBOR.id] };
const ANA_OLD = '0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b';
const SAM_A = '1c8d3a5f-2b4e-4f60-9bac-1d2e3f4a5b6c';
const SAM_B = '2d9e4b60-3c5f-4071-8cbd-2e3f4a5b6c7d';

const account = (id: string, sourcedId: string, givenName: string, familyName: string, extra: Partial<Schemas['Account']> = {}): Schemas['Account'] => ({
  id,
  sourcedId,
  givenName,
  familyName,
  email: `${givenName}.${familyName}@harbor.k12.example`.toLowerCase(),
  login: `${givenName}.${familyName}`.toLowerCase(),
  role: 'STUDENT',
  origin: 'ROSTERED',
  active: true,
  matchReason: 'SOURCED_ID',
  matchDetail: `sourcedId ${sourcedId} matched this account`,
  ...extra,
});

const reissued: Schemas['AccountReview'] = {
  id: '5c1d2e3f-4a5b-4c6d-8e7f-000000000001',
  person: { sourcedId: 'stu-000777', givenName: 'Ana', familyName: 'Lopez', email: 'ana.lopez@harbor.k12.example', username: 'ana.lopez', identifier: '100777', role: 'student' },
  kind: 'REISSUED_SOURCED_ID',
  rule: 'EMAIL',
  matchedValue: 'ana.lopez@harbor.k12.example',
  detail: 'Same email and name as the account of stu-000123, which is no longer in the roster: probably the same person with a re-issued sourcedId.',
  candidates: [account(ANA_OLD, 'stu-000123', 'Ana', 'Lopez', { active: false })],
  status: 'OPEN',
  createdAt: '2026-11-24T08:12:03Z',
};
const several: Schemas['AccountReview'] = {
  id: '5c1d2e3f-4a5b-4c6d-8e7f-000000000002',
  person: { sourcedId: 'stu-000888', givenName: 'Sam', familyName: 'Lee', email: 'sam.lee@harbor.k12.example', username: 'sam.lee', role: 'student' },
  kind: 'SEVERAL_CANDIDATES',
  rule: 'LOGIN',
  matchedValue: 'sam.lee',
  detail: 'Two accounts have the sign-in name sam.lee: Rosterline cannot tell which one is this person.',
  candidates: [account(SAM_A, 'stu-000401', 'Sam', 'Lee'), account(SAM_B, 'stu-000402', 'Samuel', 'Lee')],
  status: 'OPEN',
  createdAt: '2026-11-24T08:12:04Z',
};

/** The review queue on the server: decisions close a review; the accept and reject answers can be held back to see pending states. */
function reviewsApi(initial: Schemas['AccountReview'][], { rejectFails = false } = {}) {
  let open = initial;
  const calls: unknown[] = [];
  const pages: number[] = [];
  let letDecisionAnswer: () => void = () => {};
  const decisionAnswered = new Promise<void>((resolve) => (letDecisionAnswer = resolve));
  const decide = (id: string, patch: Partial<Schemas['AccountReview']>) => {
    const review = { ...open.find((r) => r.id === id)!, ...patch, decidedBy: 'harbor-admin', decidedAt: '2026-11-24T17:00:00Z' };
    open = open.filter((r) => r.id !== id);
    return review;
  };
  server.use(
    http.get('/api/v1/districts/{districtId}/readiness', ({ response }) => response(200).json({ done: true, findings: [] })),
    http.get('/api/v1/districts/{districtId}/account-merges', ({ response }) => response(200).json({ items: [], page: 0, size: 10, total: 0 })),
    http.get('/api/v1/districts/{districtId}/account-reviews', ({ query, response }) => {
      const page = Number(query.get('page') ?? 0);
      const size = Number(query.get('size') ?? 20);
      pages.push(page);
      calls.push({ list: { page, size, status: query.get('status') } });
      return response(200).json({ items: open.slice(page * size, (page + 1) * size), page, size, total: open.length });
    }),
    http.post('/api/v1/districts/{districtId}/account-reviews/{reviewId}/accept', async ({ params, request, response }) => {
      const body = await request.json();
      calls.push({ accept: params.reviewId, accountId: body.accountId });
      await decisionAnswered;
      return response(200).json(decide(params.reviewId, { status: 'ACCEPTED', accountId: body.accountId }));
    }),
    http.post('/api/v1/districts/{districtId}/account-reviews/{reviewId}/reject', async ({ params, response }) => {
      calls.push({ reject: params.reviewId });
      await decisionAnswered;
      if (rejectFails) return response.untyped(problemResponse(409, 'Conflict', 'This review is no longer open: the person left the roster.'));
      return response(200).json(decide(params.reviewId, { status: 'REJECTED' }));
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
  );
  return { calls, pages, letDecisionAnswer };
}

const decisions = (calls: unknown[]) => calls.filter((c) => !(typeof c === 'object' && c !== null && 'list' in c));

describe('People waiting for an account match', () => {
  it('given open reviews, then each shows the incoming person, the candidate accounts and the reason, axe-clean, asked of the server page by page', async () => {
    const { calls } = reviewsApi([reissued, several]);
    const { container } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });

    const section = await screen.findByRole('region', { name: 'People waiting for an account match' });
    const ana = await within(section).findByRole('article', { name: 'Ana Lopez' });
    expect(within(ana).getByText('Probably the same person with a new SIS ID')).toBeInTheDocument();
    expect(within(ana).getByText(/which is no longer in the roster: probably the same person/)).toHaveTextContent('(Matched on email: ana.lopez@harbor.k12.example.)');
    expect(within(ana).getByRole('row', { name: /SIS ID stu-000777 \(identifier 100777\)/ })).toBeInTheDocument();
    expect(within(ana).getByText('No longer in the roster')).toBeInTheDocument();
    expect(within(ana).getByRole('button', { name: 'Link Ana Lopez to the account of Ana Lopez (stu-000123)' })).toBeEnabled();
    const sam = within(section).getByRole('article', { name: 'Sam Lee' });
    expect(within(sam).getByText('Several existing accounts could be this person')).toBeInTheDocument();
    expect(within(sam).getAllByRole('button', { name: /^Link Sam Lee to the account of/ })).toHaveLength(2);
    expect(calls).toContainEqual({ list: { page: 0, size: REVIEWS_PAGE, status: 'OPEN' } });
    await expectNoAxeViolations(container);
  });

  it('given several candidates, when the admin links one, then it is pending, linked, announced, and the queue, findings and checklist are refreshed', async () => {
    const { calls, letDecisionAnswer } = reviewsApi([several]);
    const { user, queryClient } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    const sam = await screen.findByRole('article', { name: 'Sam Lee' });
    await screen.findByRole('status', { name: 'No blocking finding left' });

    await user.click(within(sam).getByRole('button', { name: 'Link Sam Lee to the account of Samuel Lee (stu-000402)' }));
    await waitFor(() => expect(decisions(calls)).toEqual([{ accept: several.id, accountId: SAM_B }]));
    // While the server works, no second decision can be sent for this person.
    expect(within(sam).getByRole('button', { name: 'Link Sam Lee to the account of Sam Lee (stu-000401)' })).toBeDisabled();
    expect(within(sam).getByRole('button', { name: 'None of these is Sam Lee: create a new account' })).toBeDisabled();

    letDecisionAnswer();
    expect(
      await screen.findByText('Linked Sam Lee to the account of Samuel Lee. Licenses follow at the next sync; the link can be undone under Links and merges.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No one is waiting')).toBeInTheDocument();
    expect(queryClient.getQueryState(['readiness', HARBOR.id])?.dataUpdateCount).toBeGreaterThan(1);
    await waitFor(() => expect(queryClient.getQueryState(['checklist', HARBOR.id])?.isInvalidated ?? true).toBe(true));
    expect(decisions(calls)).toEqual([{ accept: several.id, accountId: SAM_B }]);
  });

  it('given a person none of the candidates is, when the admin confirms a new account with the keyboard, then it is rejected and announced', async () => {
    const { calls, letDecisionAnswer } = reviewsApi([reissued]);
    const { user } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    const ana = await screen.findByRole('article', { name: 'Ana Lopez' });

    within(ana).getByRole('button', { name: 'None of these is Ana Lopez: create a new account' }).focus();
    await user.keyboard('{Enter}');
    const confirm = await screen.findByRole('dialog', { name: 'Create a new account for Ana Lopez?' });
    expect(within(confirm).getByText(/The existing accounts stay as they are and keep their licenses/)).toBeInTheDocument();
    expect(within(confirm).getByText(/This cannot be undone here/)).toBeInTheDocument();
    await expectNoAxeViolations(document.body);
    expect(decisions(calls)).toEqual([]);

    within(confirm).getByRole('button', { name: 'Yes, create a new account' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(decisions(calls)).toEqual([{ reject: reissued.id }]));
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBeDisabled();

    letDecisionAnswer();
    expect(await screen.findByText('A new account was created for Ana Lopez. Licenses follow at the next sync.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Ana Lopez' })).not.toBeInTheDocument());
    expect(screen.getByText('No one is waiting')).toBeInTheDocument();
  });

  it('given the admin cancels the new account, then nothing is sent', async () => {
    const { calls } = reviewsApi([reissued]);
    const { user } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    await user.click(await screen.findByRole('button', { name: 'None of these is Ana Lopez: create a new account' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Create a new account for Ana Lopez?' })).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(decisions(calls)).toEqual([]);
    expect(screen.getByRole('article', { name: 'Ana Lopez' })).toBeInTheDocument();
  });

  it('given the server refuses, when the admin creates a new account, then the plain reason is shown and the person stays in the queue', async () => {
    const { letDecisionAnswer } = reviewsApi([reissued], { rejectFails: true });
    letDecisionAnswer();
    const { user } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    await user.click(await screen.findByRole('button', { name: 'None of these is Ana Lopez: create a new account' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Create a new account for Ana Lopez?' })).getByRole('button', { name: 'Yes, create a new account' }));
    expect(await screen.findByText(/^Creating the new account failed/)).toBeInTheDocument();
    expect(screen.getByText('This review is no longer open: the person left the roster.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'None of these is Ana Lopez: create a new account' })).toBeEnabled();
  });

  it('given an integrator, then the queue is shown read-only', async () => {
    const { calls } = reviewsApi([reissued]);
    const { container } = await renderInDistrict(<ReadinessPage />, { subPath: '/readiness', user: harborIntegrator });
    const ana = await screen.findByRole('article', { name: 'Ana Lopez' });
    expect(within(ana).getByText(/A district admin decides which account is theirs/)).toBeInTheDocument();
    expect(within(ana).queryByRole('button')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(decisions(calls)).toEqual([]);
  });

  it('given more reviews than fit a page, when the admin turns the page, then the next page is asked of the server', async () => {
    const many = Array.from({ length: REVIEWS_PAGE + 2 }, (_, i) => ({
      ...reissued,
      id: `5c1d2e3f-4a5b-4c6d-8e7f-1000000000${String(i).padStart(2, '0')}`,
      person: { ...reissued.person, givenName: `Person${i}` },
    }));
    const { pages } = reviewsApi(many);
    const { user } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    expect(await screen.findByText(`Showing 1–${REVIEWS_PAGE} of ${REVIEWS_PAGE + 2} people waiting`)).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(REVIEWS_PAGE);
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByRole('article', { name: `Person${REVIEWS_PAGE} Lopez` })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(pages).toContain(1);
  });

  it('given the last review of the last page, when the admin links it, then the page before is shown rather than an empty one', async () => {
    const many = Array.from({ length: REVIEWS_PAGE + 1 }, (_, i) => ({
      ...reissued,
      id: `5c1d2e3f-4a5b-4c6d-8e7f-2000000000${String(i).padStart(2, '0')}`,
      person: { ...reissued.person, givenName: `Person${i}` },
    }));
    const { letDecisionAnswer } = reviewsApi(many);
    letDecisionAnswer();
    const { user } = await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    await user.click(await screen.findByRole('button', { name: 'Page 2' }));
    const last = await screen.findByRole('article', { name: `Person${REVIEWS_PAGE} Lopez` });
    await user.click(within(last).getByRole('button', { name: /^Link Person/ }));
    expect(await screen.findByText(`Showing 1–${REVIEWS_PAGE} of ${REVIEWS_PAGE} people waiting`)).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(REVIEWS_PAGE);
    expect(screen.queryByText('No one is waiting')).not.toBeInTheDocument();
  });

  it('given the queue cannot be loaded, then the reason is plain and it can be tried again', async () => {
    reviewsApi([]);
    server.use(
      http.get('/api/v1/districts/{districtId}/account-reviews', ({ response }) =>
        response.untyped(problemResponse(503, 'Service Unavailable', 'The database is busy; try again in a minute.')),
      ),
    );
    await renderInDistrict(<ReadinessPage canEdit />, { subPath: '/readiness' });
    const section = await screen.findByRole('region', { name: 'People waiting for an account match' });
    const alert = await within(section).findByRole('alert', { name: 'Something went wrong on our side' });
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
