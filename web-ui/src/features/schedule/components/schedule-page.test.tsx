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

const PRODUCT = '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f';
const plan: Schemas['Report'] = {
  products: [{ productId: PRODUCT, sku: 'DEMO-MATH-SE', title: 'Math Student Edition', edition: 'STUDENT', needed: 212, seatsAvailable: 200, assigned: 200, unseated: 12, gains: 200, losses: 3 }],
  gainsTotal: 200,
  gains: [
    { sourcedId: 'stu-000001', name: 'Ana Lopez', role: 'student', sku: 'DEMO-MATH-SE' },
    { sourcedId: 'stu-000002', name: 'Ben Ortiz', role: 'student', sku: 'DEMO-MATH-SE' },
    { sourcedId: 'stu-000003', name: 'Cy Park', role: 'student', sku: 'DEMO-MATH-SE' },
  ],
  lossesTotal: 3,
  losses: [{ sourcedId: 'stu-000090', name: 'Dee Quinn', role: 'student', sku: 'DEMO-MATH-SE' }],
  unseatedTotal: 12,
  unseated: [],
};
const stagedImport: Schemas['Run'] = {
  id: '2b3c4d5e-0000-4000-8000-000000000001',
  kind: 'MANUAL_IMPORT',
  status: 'STAGED',
  createdAt: '2026-11-23T18:00:00Z',
  // Free JSON in the API (the shape the server writes).
  counts: { users: { added: 230, changed: 0, removed: 0 }, classes: { added: 96, changed: 0, removed: 0 } } as unknown as Schemas['JsonNode'],
};

function scheduleApi(
  initial: Schemas['Schedule'],
  onPut?: (body: Schemas['ScheduleUpdate']) => Response | undefined,
  runs: Schemas['Run'][] = [{ ...stagedImport, planSummary: plan as unknown as Schemas['JsonNode'] }],
) {
  let current = { ...initial };
  const puts: Schemas['ScheduleUpdate'][] = [];
  const planned: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: runs, page: 0, size: 20, total: runs.length })),
    http.get('/api/v1/districts/{districtId}/runs/{runId}/plan', ({ params, response }) => {
      planned.push(params.runId);
      return response(200).json(plan);
    }),
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
  return { puts, planned };
}

describe('Schedule', () => {
  it('given a ready district, when the admin goes live, then it first says what changes tonight for this district and only then switches to LIVE', async () => {
    const { puts, planned } = scheduleApi(ready);
    const { user, container } = await renderInDistrict(<SchedulePage />);
    await user.click(await screen.findByRole('button', { name: 'Go live…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Go live tonight?' });
    const tonight = await within(dialog).findByRole('region', { name: 'What changes tonight in Harbor Unified' });
    expect(within(tonight).getByText(/From your reviewed manual import of Nov 23, 2026, 10:00 AM PST, not synced yet/)).toBeInTheDocument();
    expect(within(tonight).getByText('200 people gain a license (Ana Lopez, Ben Ortiz, Cy Park and 197 more)')).toBeInTheDocument();
    expect(within(tonight).getByText('3 people lose a license (Dee Quinn and 2 more)')).toBeInTheDocument();
    expect(within(tonight).getByText('12 people get no seat: a pool is full')).toBeInTheDocument();
    expect(within(tonight).getByRole('row', { name: 'Math Student Edition 212 200' })).toBeInTheDocument();
    expect(within(tonight).getByText(/230 people added, 0 changed, 0 removed; 96 classes added/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Every night between 00:00 and 02:00 \(America\/Los_Angeles\)/)).toBeInTheDocument();
    // The stored plan summary was enough: no plan was computed.
    expect(planned).toEqual([]);
    expect(puts).toEqual([]);
    await expectNoAxeViolations(container);

    await user.click(within(dialog).getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(puts).toEqual([{ mode: 'LIVE' }]));
    expect(await screen.findByText('Live')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pause nightly syncs' })).toBeInTheDocument();
  });

  it('given missing steps, then going live is not offered: the steps are listed with a way back, and the preview says what waits', async () => {
    const { puts } = scheduleApi({ ...ready, readyToGoLive: false, liveBlockers: ['Import and review: Not started'] });
    const { user, container } = await renderInDistrict(<SchedulePage />);
    expect(await screen.findByText('Import and review: Not started')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Go live…' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the checklist' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Preview what changes tonight…' }));
    const dialog = await screen.findByRole('dialog', { name: 'What going live would change' });
    expect(await within(dialog).findByText(/200 people gain a license/)).toBeInTheDocument();
    expect(within(dialog).getByRole('status', { name: 'Going live waits for these steps' })).toHaveTextContent('Import and review: Not started');
    expect(within(dialog).getByRole('button', { name: 'Go live' })).toBeDisabled();
    await expectNoAxeViolations(container);
    await user.click(within(dialog).getByRole('button', { name: 'Close preview' }));
    expect(puts).toEqual([]);
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

  it('given a reviewed import whose plan was never stored, then the preview asks for its plan', async () => {
    const { planned } = scheduleApi(ready, undefined, [stagedImport]);
    const { user } = await renderInDistrict(<SchedulePage />);
    await user.click(await screen.findByRole('button', { name: 'Go live…' }));
    const tonight = await screen.findByRole('region', { name: 'What changes tonight in Harbor Unified' });
    expect(await within(tonight).findByText(/200 people gain a license/)).toBeInTheDocument();
    expect(planned).toEqual([stagedImport.id]);
  });

  it('given the last import is already synced, then the preview says what is live and that tonight keeps it in step', async () => {
    const applied: Schemas['Run'] = { ...stagedImport, status: 'APPLIED', appliedAt: '2026-11-24T02:30:00Z', planSummary: plan as unknown as Schemas['JsonNode'] };
    const failed: Schemas['Run'] = { ...stagedImport, id: '2b3c4d5e-0000-4000-8000-000000000009', status: 'FAILED', createdAt: '2026-11-25T18:00:00Z' };
    scheduleApi(ready, undefined, [failed, applied]);
    const { user } = await renderInDistrict(<SchedulePage />);
    await user.click(await screen.findByRole('button', { name: 'Go live…' }));
    const tonight = await screen.findByRole('region', { name: 'What changes tonight in Harbor Unified' });
    expect(within(tonight).getByText(/Your last sync \(manual import, applied Nov 23, 2026, 6:30 PM PST\) is what is live now/)).toBeInTheDocument();
    expect(within(tonight).getByText(/it brought/)).toBeInTheDocument();
  });
});
