import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { ChecklistTiles } from './checklist-tiles';
import { ScheduleTile } from './schedule-tile';

const harborChecklist: Schemas['Checklist'] = {
  districtId: HARBOR.id,
  districtName: HARBOR.name,
  scheduleMode: 'SETUP',
  steps: [
    {
      key: 'CREDENTIALS',
      title: 'Connect your student information system',
      state: 'DONE',
      summary: 'Connected to Harbor Unified, 42 schools',
      blocksGoLive: true,
    },
    {
      key: 'SCHOOLS',
      title: 'Choose schools',
      state: 'NOT_STARTED',
      summary: 'No schools chosen yet',
      nextAction: 'Choose the schools to process',
      blocksGoLive: true,
    },
    {
      key: 'TERM_DATES',
      title: 'Check term dates',
      state: 'NEEDS_ATTENTION',
      summary: 'Spring term has no end date',
      nextAction: 'Set the spring end date',
      blocksGoLive: false,
    },
  ],
  readyToGoLive: false,
  liveBlockers: ['Choose schools: No schools chosen yet'],
};

describe('Dashboard checklist', () => {
  it('given Harbor mid-setup, when the admin opens the dashboard, then each step shows its state and next action, and what blocks going live', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}/checklist', ({ params, response }) =>
        response(200).json({ ...harborChecklist, districtId: params.districtId }),
      ),
    );
    const { container, user, router } = await renderInDistrict(
      <>
        <ChecklistTiles />
        <ScheduleTile />
      </>,
    );

    const schools = await screen.findByRole('region', { name: '2. Choose schools' });
    expect(within(schools).getByText('Not started')).toBeInTheDocument();
    expect(within(schools).getByText('Needed before going live')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: /1\. Connect/ })).getByText('Done')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: '3. Check term dates' })).getByText('Needs attention')).toBeInTheDocument();

    const status = screen.getByRole('status', { name: /not ready to go live yet/i });
    expect(status).toHaveTextContent('Not ready to go live yet');
    expect(status).toHaveTextContent('Choose schools: No schools chosen yet');
    expect(within(screen.getByRole('region', { name: 'Schedule' })).getByText('Setting up')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(within(schools).getByRole('link', { name: /choose the schools to process/i }));
    expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}/schools`);
  });

  it('given every blocking step is done, when the dashboard loads, then it says the district is ready to go live', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) =>
        response(200).json({
          ...harborChecklist,
          steps: harborChecklist.steps!.map((s) => ({ ...s, state: 'DONE' as const, nextAction: undefined })),
          readyToGoLive: true,
          liveBlockers: [],
        }),
      ),
    );
    await renderInDistrict(<ChecklistTiles />);
    expect(await screen.findByText('Ready to go live')).toBeInTheDocument();
    expect(screen.queryByText('Needed before going live')).not.toBeInTheDocument();
  });

  it('given the admin lost access, when the dashboard loads, then it says so plainly and offers a way back', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) =>
        response.untyped(problemResponse(403, 'Forbidden', 'You can only reach your own district.')),
      ),
    );
    await renderInDistrict(<ChecklistTiles />);
    expect(await screen.findByText("You don't have access to this district")).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to my district' })).toBeInTheDocument();
  });

  it('given the readiness review is next, then its tile leads to the readiness review, not a dead end', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) =>
        response(200).json({
          ...harborChecklist,
          steps: [
            { key: 'READINESS_REVIEW', title: 'Readiness review', state: 'NEEDS_ATTENTION', summary: '1 blocking finding(s) to fix or acknowledge', nextAction: 'Open the readiness review', blocksGoLive: true },
          ],
        }),
      ),
    );
    const { user, router } = await renderInDistrict(<ChecklistTiles />);
    await user.click(await screen.findByRole('link', { name: 'Open the readiness review: Readiness review' }));
    expect(router.state.location.pathname).toBe(`/districts/${HARBOR.id}/readiness`);
  });
});
