import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { harborDistrict, lakesideDistrict, problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderRoutes, supportUser } from '@/testing/test-utils';
import { DistrictsAdmin } from './districts-admin';

const routes = [
  { path: '/admin/districts', element: <DistrictsAdmin /> },
  { path: '/districts/:districtId', element: <p>District dashboard</p> },
];

describe('Districts (support staff)', () => {
  it('given two districts, when support searches, then the search runs on the server', async () => {
    const searches: (string | null)[] = [];
    server.use(
      http.get('/api/v1/districts', ({ query, response }) => {
        const search = query.get('search');
        searches.push(search);
        const items = [harborDistrict, lakesideDistrict].filter((d) => !search || d.name!.toLowerCase().includes(search.toLowerCase()));
        return response(200).json({ items, page: 0, size: 25, total: items.length });
      }),
    );
    const { user, container } = await renderRoutes(routes, '/admin/districts', supportUser);
    expect(await screen.findByRole('link', { name: 'Harbor Unified' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Lakeside County Schools' })).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'Search districts' }), 'lake');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Harbor Unified' })).not.toBeInTheDocument());
    expect(searches).toContain('lake');
    expect(screen.getByText('Showing 1–1 of 1 districts')).toBeInTheDocument();
  });

  it('given a new district, when support fills the form and creates it, then it is posted and they land on its checklist', async () => {
    let created: Schemas['DistrictCreate'] | undefined;
    server.use(
      http.get('/api/v1/districts', ({ response }) => response(200).json({ items: [], page: 0, size: 25, total: 0 })),
      http.post('/api/v1/districts', async ({ request, response }) => {
        created = await request.json();
        return response(201).json({ ...harborDistrict, ...created, id: 'd3000000-0000-4000-8000-000000000003' });
      }),
    );
    const { user, router } = await renderRoutes(routes, '/admin/districts', supportUser);
    expect(await screen.findByText('No districts yet')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'New district' })[0]);

    const dialog = await screen.findByRole('dialog', { name: 'New district' });
    await user.type(within(dialog).getByRole('textbox', { name: /district name/i }), 'Bayview Schools');
    await user.type(within(dialog).getByRole('textbox', { name: /state/i }), 'ca');
    await user.type(within(dialog).getByRole('textbox', { name: /nces/i }), '0600001');
    await user.click(within(dialog).getByRole('button', { name: 'Create district' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/districts/d3000000-0000-4000-8000-000000000003'));
    expect(created).toEqual({
      name: 'Bayview Schools',
      state: 'CA',
      ncesId: '0600001',
      timezone: 'America/New_York',
      platform: 'ONEROSTER_API',
      nightlyWindow: { start: '00:00', end: '02:00' },
    });
  });

  it('given a bad form, when creating, then plain messages show under the fields before anything is sent, and server field errors too', async () => {
    server.use(
      http.get('/api/v1/districts', ({ response }) => response(200).json({ items: [], page: 0, size: 25, total: 0 })),
      http.post('/api/v1/districts', ({ response }) =>
        response.untyped(
          problemResponse(400, 'Some fields are not valid', 'Check the highlighted fields and try again.', [
            { field: 'create.body.name', message: 'A district with this name already exists in CA' },
          ]),
        ),
      ),
    );
    const { user } = await renderRoutes(routes, '/admin/districts', supportUser);
    await user.click((await screen.findAllByRole('button', { name: 'New district' }))[0]);
    const dialog = await screen.findByRole('dialog', { name: 'New district' });
    await user.click(within(dialog).getByRole('button', { name: 'Create district' }));
    expect(within(dialog).getByRole('textbox', { name: /district name/i })).toHaveAccessibleDescription(/enter the district’s name/i);
    expect(within(dialog).getByRole('textbox', { name: /state/i })).toHaveAccessibleDescription(/two-letter state code/i);

    await user.type(within(dialog).getByRole('textbox', { name: /district name/i }), 'Harbor Unified');
    await user.type(within(dialog).getByRole('textbox', { name: /state/i }), 'CA');
    await user.click(within(dialog).getByRole('button', { name: 'Create district' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox', { name: /district name/i })).toHaveAccessibleDescription(/already exists in CA/),
    );
  });
});
