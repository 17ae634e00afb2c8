import { SimpleGrid } from '@mantine/core';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { OverridesTile, RunTiles, StickyTile } from './activity-tiles';

const applied: Schemas['Run'] = {
  id: '1a2b3c4d-0000-4000-8000-000000000001',
  districtId: HARBOR.id,
  kind: 'SYNC_LICENSES',
  status: 'APPLIED',
  trigger: 'admin',
  requestedBy: 'harbor-admin',
  createdAt: '2026-11-22T08:00:00Z',
  appliedAt: '2026-11-22T08:03:00Z',
};
const staged: Schemas['Run'] = {
  ...applied,
  id: '1a2b3c4d-0000-4000-8000-000000000002',
  kind: 'MANUAL_IMPORT',
  status: 'STAGED',
  createdAt: '2026-11-23T08:00:00Z',
  appliedAt: undefined,
  // The API declares counts as free JSON; this is the shape the server writes.
  counts: { users: { added: 12, changed: 3, removed: 1 }, classes: { added: 2, changed: 0, removed: 0 } } as unknown as Schemas['JsonNode'],
};

describe('Dashboard activity tiles', () => {
  it('given a staged import after a synced run, a sticky license and a frozen term, then the tiles show them, View opens each run and RESYNC asks for a full resync', async () => {
    const requested: Schemas['RunRequest'][] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) => response(200).json({ items: [staged, applied], page: 0, size: 50, total: 2 })),
      http.post('/api/v1/districts/{districtId}/runs', async ({ request, response }) => {
        requested.push(await request.json());
        return response(202).json({ ...applied, id: '1a2b3c4d-0000-4000-8000-000000000003', kind: 'RESYNC', status: 'QUEUED' });
      }),
      http.get('/api/v1/districts/{districtId}/sticky-licenses', ({ response }) =>
        response(200).json([{ id: 17, productTitle: 'Algebra I Teacher Edition', edition: 'TEACHER' }]),
      ),
      http.get('/api/v1/districts/{districtId}/terms', ({ response }) =>
        response(200).json([
          { sourcedId: 't-fall', title: 'Fall 2026', startDate: '2026-08-24', endDate: '2026-12-18', freezeEnd: '2027-01-15' },
          { sourcedId: 't-spring', title: 'Spring 2027', startDate: '2027-01-10', endDate: '2027-06-10' },
        ]),
      ),
    );
    const { user, container } = await renderInDistrict(
      <SimpleGrid>
        <RunTiles />
        <StickyTile />
        <OverridesTile />
      </SimpleGrid>,
    );

    const lastImport = await screen.findByRole('region', { name: 'Last Roster Import' });
    expect(await within(lastImport).findByText('Ready to review')).toBeInTheDocument();
    expect(within(lastImport).getByText('14 added, 3 changed, 1 removed')).toBeInTheDocument();
    expect(within(lastImport).getByRole('link', { name: 'View the last roster import' })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/imports?run=${staged.id}`,
    );
    const lastSync = screen.getByRole('region', { name: 'Last License Sync' });
    expect(within(lastSync).getByText('Licenses synced')).toBeInTheDocument();
    expect(within(lastSync).getByText('Sync licenses, applied Nov 22, 2026, 12:03 AM PST.')).toBeInTheDocument();
    expect(within(lastSync).getByRole('link', { name: 'View the last license sync' })).toHaveAttribute('href', `/districts/${HARBOR.id}/imports?run=${applied.id}`);
    expect(await screen.findByText('1 license stays with its holder whatever the roster says.')).toBeInTheDocument();
    const overrides = screen.getByRole('region', { name: 'Overrides' });
    expect(await within(overrides).findByText('1 term')).toBeInTheDocument();
    expect(within(overrides).getByText(/Fall 2026: kept until Jan 15, 2027/)).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(within(lastSync).getByRole('button', { name: 'RESYNC' }));
    await waitFor(() => expect(requested).toEqual([{ kind: 'RESYNC' }]));
    expect(await screen.findByText('Full resync started: every record is read again and the licenses are synced.')).toBeInTheDocument();
  });

  it('given a held nightly sync after an applied Manual Import and an older resync, then the import tile says it is held and the sync tile shows the newest applied run', async () => {
    const held: Schemas['Run'] = { ...applied, id: '1a2b3c4d-0000-4000-8000-000000000010', kind: 'NIGHTLY', status: 'HELD', createdAt: '2026-11-25T08:00:00Z', appliedAt: undefined };
    const importApplied: Schemas['Run'] = { ...applied, id: '1a2b3c4d-0000-4000-8000-000000000011', kind: 'MANUAL_IMPORT', createdAt: '2026-11-21T08:00:00Z', appliedAt: '2026-11-24T17:30:00Z' };
    const resync: Schemas['Run'] = { ...applied, id: '1a2b3c4d-0000-4000-8000-000000000012', kind: 'RESYNC', createdAt: '2026-11-23T08:00:00Z', appliedAt: '2026-11-23T08:20:00Z' };
    server.use(
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) =>
        response(200).json({ items: [held, resync, importApplied], page: 0, size: 50, total: 3 }),
      ),
    );
    const { container } = await renderInDistrict(<RunTiles />);

    const lastImport = await screen.findByRole('region', { name: 'Last Roster Import' });
    expect(await within(lastImport).findByText('Held for your review')).toBeInTheDocument();
    expect(within(lastImport).queryByText(/Waiting/)).not.toBeInTheDocument();
    expect(within(lastImport).getByText('Nightly sync of Nov 25, 2026, 12:00 AM PST')).toBeInTheDocument();
    const lastSync = screen.getByRole('region', { name: 'Last License Sync' });
    expect(within(lastSync).getByText('Manual import, applied Nov 24, 2026, 9:30 AM PST.')).toBeInTheDocument();
    expect(within(lastSync).getByRole('link', { name: 'View the last license sync' })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/imports?run=${importApplied.id}`,
    );
    await expectNoAxeViolations(container);
  });

  it.each([
    ['DISCARDED', 'Discarded'],
    ['SHADOWED', 'Dry run kept (not applied)'],
  ] as const)('given the newest run is %s, then the import tile names it and no sync is claimed', async (status, label) => {
    server.use(
      http.get('/api/v1/districts/{districtId}/runs', ({ response }) =>
        response(200).json({ items: [{ ...staged, status, counts: undefined }], page: 0, size: 50, total: 1 }),
      ),
    );
    await renderInDistrict(<RunTiles />);
    const lastImport = await screen.findByRole('region', { name: 'Last Roster Import' });
    expect(await within(lastImport).findByText(label)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Last License Sync' })).getByText('Licenses have not been synced yet.')).toBeInTheDocument();
  });
});
