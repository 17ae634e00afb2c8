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

  it('given a term, when the admin picks a freeze end in the date picker, then that day is saved and shown as the new end', async () => {
    const spring: Schemas['Term'] = {
      sourcedId: 't-spring',
      title: 'Spring 2027',
      type: 'semester',
      startDate: '2027-01-19',
      endDate: '2027-06-15',
      effectiveStart: '2027-01-19',
      effectiveEnd: '2027-06-15',
      warnings: [],
    };
    const puts: unknown[] = [];
    server.use(
      http.get('/api/v1/districts/{districtId}/terms', ({ response }) => response(200).json([puts.length ? { ...spring, freezeEnd: '2027-07-02', effectiveEnd: '2027-07-02' } : spring])),
      http.put('/api/v1/districts/{districtId}/terms/{sourcedId}', async ({ params, request, response }) => {
        expect(params.sourcedId).toBe('t-spring');
        puts.push(await request.json());
        return response(200).json({ ...spring, freezeEnd: '2027-07-02', effectiveEnd: '2027-07-02' });
      }),
      http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
    );
    const { user, container } = await renderInDistrict(<TermDatesPage />);

    const freeze = await screen.findByRole('textbox', { name: 'Freeze end for Spring 2027' });
    expect(freeze).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Save dates for Spring 2027' })).toBeDisabled();
    await user.click(freeze);
    // The calendar opens on the month the term ends; days before the end cannot be picked. (jsdom never finishes
    // the popover's transition, so its buttons count as hidden: hidden: true.)
    const day = (name: string) => screen.findByRole('button', { name, hidden: true });
    expect(await day('Pick another month')).toHaveTextContent('June 2027');
    expect(await day('14 June 2027')).toBeDisabled();
    expect(await day('15 June 2027')).toBeEnabled();
    await expectNoAxeViolations(container);
    await user.click(await day('Next month'));
    await user.click(await day('2 July 2027'));

    expect(freeze).toHaveValue('Jul 2, 2027');
    await user.click(screen.getByRole('button', { name: 'Save dates for Spring 2027' }));
    await waitFor(() => expect(puts).toEqual([{ overrideStart: null, freezeEnd: '2027-07-02' }]));
    expect(await screen.findByText('Dates for Spring 2027 saved.')).toBeInTheDocument();
    expect(await screen.findByText('Jan 19, 2027 – Jul 2, 2027')).toBeInTheDocument();
  });
});
