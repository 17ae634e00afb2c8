import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { TermDatesPage } from './term-dates-page';

const fall: Schemas['Term'] = {
  sourcedId: 't-fall',
  title: 'Fall 2026',
  type: 'semester',
  startDate: '2026-08-24',
  endDate: '2026-12-18',
  freezeEnd: '2026-01-15',
  effectiveStart: '2026-08-24',
  effectiveEnd: '2026-12-18',
  warnings: ['The freeze end is before the term ends, probably left over from last year'],
};

describe('Term dates', () => {
  it('given a forgotten override, when the admin opens term dates, then it is flagged, and removing it sends null', async () => {
    const puts: unknown[] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/terms', ({ response }) => response(200).json([fall])),
      http.put('/api/v1/districts/{districtId}/terms/{sourcedId}', async ({ request, response }) => {
        puts.push(await request.json());
        return response(200).json({ ...fall, freezeEnd: undefined, warnings: [] });
      }),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    );
    const { user, container } = await renderInDistrict(<TermDatesPage />);

    expect(await screen.findByText('Fall 2026: The freeze end is before the term ends, probably left over from last year')).toBeInTheDocument();
    // The SIS dates and the effective dates (the override is before the term ends, so it changes nothing).
    expect(screen.getAllByText('Aug 24, 2026 – Dec 18, 2026', { selector: 'td' })).toHaveLength(2);
    await expectNoAxeViolations(container);

    const freeze = screen.getByRole('textbox', { name: 'Freeze end for Fall 2026' });
    expect(freeze).toHaveValue('Jan 15, 2026');
    await user.clear(freeze);
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Save dates for Fall 2026' }));
    await waitFor(() => expect(puts).toEqual([{ overrideStart: null, freezeEnd: null }]));
    expect(await screen.findByText('Dates for Fall 2026 saved.')).toBeInTheDocument();
  });
});
