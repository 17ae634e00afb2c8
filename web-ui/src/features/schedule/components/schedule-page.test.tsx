import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { SchedulePage } from './schedule-page';

const ready: Schemas['Schedule'] = {
  mode: 'SETUP',
  nightlyWindow: { start: '00:00', end: '02:00' },
  timezone: 'America/Los_Angeles',
  summary: '42 schools, 1,240 classes, 3 license pools',
  readyToGoLive: true,
  liveBlockers: [],
};

function scheduleApi(initial: Schemas['Schedule'], onPut?: (body: Schemas['ScheduleUpdate']) => Response | undefined) {
  let current = { ...initial };
  const puts: Schemas['ScheduleUpdate'][] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/schedule', ({ response }) => response(200).json(current)),
    http.put('/api/v1/districts/{districtId}/schedule', async ({ request, response }) => {
      const body = await request.json();
      puts.push(body);
      const refused = onPut?.(body);
      if (refused) return response.untyped(refused);
      current = { ...current, ...body };
      return response(200).json(current);
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    http.get('/api/v1/districts', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
    http.get('/api/v1/districts/{districtId}/audit', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
  );
  return puts;
}

describe('Schedule', () => {
  it('given a ready district, when the admin goes live, then it first says what changes tonight and only then switches to LIVE', async () => {
    const puts = scheduleApi(ready);
    const { user, container } = await renderInDistrict(<SchedulePage />);
    await user.click(await screen.findByRole('button', { name: 'Go live…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Go live tonight?' });
    expect(within(dialog).getByText(/Tonight between 00:00 and 02:00 \(America\/Los_Angeles\)/)).toBeInTheDocument();
    expect(puts).toEqual([]);
    await expectNoAxeViolations(container);

    await user.click(within(dialog).getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(puts).toEqual([{ mode: 'LIVE' }]));
    expect(await screen.findByText('Live')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pause nightly syncs' })).toBeInTheDocument();
  });

  it('given missing steps, then going live is not offered and the steps are listed with a way back', async () => {
    scheduleApi({ ...ready, readyToGoLive: false, liveBlockers: ['Choose schools: No schools chosen yet'] });
    await renderInDistrict(<SchedulePage />);
    expect(await screen.findByText('Choose schools: No schools chosen yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Go live…' })).toBeDisabled();
    expect(screen.getByRole('link', { name: 'Back to the checklist' })).toBeInTheDocument();
  });

  it('given the server refuses going live (409), then its plain reason is shown', async () => {
    scheduleApi(ready, () =>
      problemResponse(409, 'Not ready to go live', 'Import and review: the staged import has holds waiting for approval.'),
    );
    const { user } = await renderInDistrict(<SchedulePage />);
    await user.click(await screen.findByRole('button', { name: 'Go live…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Go live' }));
    expect(await screen.findByRole('alert', { name: 'Not ready to go live' })).toHaveTextContent('the staged import has holds waiting for approval');
  });
});
