import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { SchoolsPage } from './schools-page';

/** A district with 120 schools held "on the server" so paging, search and choices behave like the API. */
function schoolsApi() {
  const schools: Schemas['School'][] = Array.from({ length: 120 }, (_, i) => ({
    sourcedId: `s-${i + 1}`,
    name: i % 2 ? `Harbor Elementary ${i + 1}` : `Bay Middle ${i + 1}`,
    identifier: String(1000 + i),
    schoolType: 'school',
    status: 'active',
    included: false,
  }));
  const selections: Schemas['SchoolSelection'][] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/schools', ({ query, response }) => {
      const page = Number(query.get('page'));
      const size = Number(query.get('size'));
      const search = query.get('search')?.toLowerCase();
      const included = query.get('included');
      const matching = schools.filter(
        (s) => (!search || s.name!.toLowerCase().includes(search)) && (included === null || String(s.included) === included),
      );
      return response(200).json({ items: matching.slice(page * size, page * size + size), page, size, total: matching.length });
    }),
    http.put('/api/v1/districts/{districtId}/schools/{sourcedId}', async ({ params, request, response }) => {
      const school = schools.find((s) => s.sourcedId === params.sourcedId)!;
      school.included = (await request.json()).included;
      return response(200).json(school);
    }),
    http.post('/api/v1/districts/{districtId}/schools/selection', async ({ request, response }) => {
      const body = await request.json();
      selections.push(body);
      let changed = 0;
      for (const s of schools) {
        const want = body.include?.includes(s.sourcedId!) ? true : body.exclude?.includes(s.sourcedId!) ? false : undefined;
        if (want !== undefined && s.included !== want) {
          s.included = want;
          changed += 1;
        }
      }
      return response(200).json({ changed, includedTotal: schools.filter((s) => s.included).length });
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
  );
  return { schools, selections };
}

describe('Schools', () => {
  it('given 120 schools, when the admin searches, includes one with +, and includes two selected in bulk, then the server does the paging and the choices', async () => {
    const { schools, selections } = schoolsApi();
    const { user, container } = await renderInDistrict(<SchoolsPage />, { subPath: '/schools' });

    expect(await screen.findByText('Showing 1–50 of 120 schools')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'Search schools' }), 'bay middle 1');
    const matching = schools.filter((s) => s.name!.toLowerCase().includes('bay middle 1')).length;
    expect(await screen.findByText(`Showing 1–${matching} of ${matching} schools`)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Include Bay Middle 1' }));
    await waitFor(() => expect(schools.find((s) => s.name === 'Bay Middle 1')!.included).toBe(true));
    expect(await screen.findByRole('button', { name: 'Leave out Bay Middle 1' })).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select Bay Middle 11' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Bay Middle 13' }));
    await user.click(screen.getByRole('button', { name: 'Include selected (2)' }));
    expect(await screen.findByText(/2 changed, 3 schools included in total/)).toBeInTheDocument();
    expect(selections).toEqual([{ include: ['s-11', 's-13'] }]);
  });
});
