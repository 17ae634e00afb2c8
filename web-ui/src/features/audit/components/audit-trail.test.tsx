import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { AuditTrail, describeChanges } from './audit-trail';

function entry(id: number): Schemas['AuditEntry'] {
  return {
    id,
    at: '2026-11-23T18:00:00Z',
    actor: 'harbor-admin',
    action: 'district.updated',
    entity: 'district',
    entityId: HARBOR.id,
    // The API sends plain JSON here; its OpenAPI document describes it as a Jackson JsonNode.
    before: { timezone: 'America/Los_Angeles' } as Schemas['JsonNode'],
    after: { timezone: 'America/Denver' } as Schemas['JsonNode'],
  };
}

describe('Audit trail', () => {
  it('given 120 changes, when the admin opens the audit trail, then the first 50 show in the district timezone and the next page is fetched from the server', async () => {
    const pagesAsked: string[] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/audit', ({ query, response }) => {
        const page = Number(query.get('page'));
        const size = Number(query.get('size'));
        pagesAsked.push(`${page}/${size}`);
        const items = Array.from({ length: Math.min(size, 120 - page * size) }, (_, i) => entry(120 - page * size - i));
        return response(200).json({ items, page, size, total: 120 });
      }),
    );
    const { user, container } = await renderInDistrict(<AuditTrail />);

    expect(await screen.findByText('Showing 1–50 of 120 changes')).toBeInTheDocument();
    // 18:00 UTC is 10:00 AM in Los Angeles in November.
    expect(screen.getAllByText(/Nov 23, 2026, 10:00\sAM PST/)).toHaveLength(50);
    expect(screen.getAllByText('District updated')).toHaveLength(50);
    expect(screen.getAllByText('timezone: America/Los_Angeles → America/Denver')).toHaveLength(50);
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByText('Showing 51–100 of 120 changes')).toBeInTheDocument();
    await waitFor(() => expect(pagesAsked).toEqual(['0/50', '1/50']));
  });

  it('given a new district, when the audit trail is empty, then it says what will appear there', async () => {
    server.use(
      http.get('/api/v1/districts/{districtId}/audit', ({ response }) => response(200).json({ items: [], page: 0, size: 50, total: 0 })),
    );
    await renderInDistrict(<AuditTrail />);
    expect(await screen.findByText('No changes recorded yet')).toBeInTheDocument();
  });

  it('describes field changes, additions and removals in words', () => {
    expect(describeChanges({ a: 1, b: 'x' }, { a: 2, b: 'x', c: true })).toEqual(['a: 1 → 2', 'c: true']);
    expect(
      describeChanges(
        { nightlyWindow: { start: '00:00', end: '02:00' }, updatedAt: '2026-11-23T18:30:01Z' },
        { nightlyWindow: { start: '00:00', end: '03:00' }, updatedAt: '2026-11-23T18:31:00Z' },
      ),
    ).toEqual(['nightlyWindow.end: 02:00 → 03:00']);
    expect(describeChanges(null, { name: 'Harbor' })).toEqual(['name: Harbor']);
    expect(describeChanges({ name: 'Harbor' }, null)).toEqual(['name: Harbor → not set']);
  });
});
