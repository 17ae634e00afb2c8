import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { StickyLicensesPage } from './sticky-licenses-page';

const maria: Schemas['AccountSummary'] = {
  id: '0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b',
  sourcedId: 't-1001',
  givenName: 'Maria',
  familyName: 'Lopez',
  email: 'mlopez@harbor.k12.ca.us',
  login: 'mlopez',
  role: 'TEACHER',
  origin: 'ROSTERED',
};
const pool = (edition: 'TEACHER' | 'STUDENT', seatsRemaining: number): Schemas['LicensePool'] => ({
  id: edition === 'TEACHER' ? '7a1e0c2b-9d3f-4b6a-8c5d-1e2f3a4b5c6d' : '8b2f1d3c-0e4a-4c7b-9d6e-2f3a4b5c6d7e',
  productId: edition === 'TEACHER' ? '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f' : '6a1d7b4f-3e2c-4d0a-8f4e-1b2c3d4e5f60',
  productTitle: edition === 'TEACHER' ? 'Algebra I Teacher Edition' : 'Algebra I Student Edition',
  edition,
  seats: 10,
  seatsUsed: 10 - seatsRemaining,
  seatsRemaining,
  mode: 'ROSTERED',
  coversToday: true,
});

function stickyApi() {
  const sticky: Schemas['StickyLicense'][] = [];
  const creates: Schemas['StickyLicenseCreate'][] = [];
  const searches: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/sticky-licenses', ({ response }) => response(200).json(sticky)),
    http.get('/api/v1/districts/{districtId}/sticky-licenses/rostered-staff', ({ query, response }) => {
      searches.push(query.get('search') ?? '');
      const hit = !query.get('search') || 'maria lopez'.includes(query.get('search')!.toLowerCase());
      return response(200).json({ items: hit ? [maria] : [], page: 0, size: 20, total: hit ? 1 : 0 });
    }),
    http.get('/api/v1/districts/{districtId}/sso-format', ({ response }) => response(200).json({ emailDomain: 'harbor.k12.ca.us', loginPattern: '[a-z]+[0-9]*' })),
    http.get('/api/v1/districts/{districtId}/license-pools', ({ response }) => response(200).json([pool('TEACHER', 3), pool('STUDENT', 0)])),
    http.post('/api/v1/districts/{districtId}/sticky-licenses', async ({ request, response }) => {
      const body = await request.json();
      creates.push(body);
      if (body.productIds?.length) {
        return response.untyped(
          problemResponse(409, 'Conflict', 'No seat left for Algebra I Student Edition: 10 of 10 seats covering today are in use.'),
        );
      }
      const created: Schemas['StickyLicense'] = {
        id: 17,
        account: maria,
        productId: pool('TEACHER', 3).productId,
        productTitle: 'Algebra I Teacher Edition',
        edition: 'TEACHER',
        note: body.note,
        assignedAt: '2026-11-23T18:00:00Z',
        assignedBy: 'harbor-admin',
      };
      sticky.push(created);
      return HttpResponse.json([created], { status: 201 });
    }),
    http.delete('/api/v1/districts/{districtId}/sticky-licenses/{assignmentId}', ({ params }) => {
      sticky.splice(sticky.findIndex((s) => String(s.id) === params.assignmentId), 1);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { sticky, creates, searches };
}

describe('Sticky licenses', () => {
  it('given a rostered teacher, when the admin picks her and gives teacher licenses, then she is listed, and removing frees the seat', async () => {
    const { creates, searches, sticky } = stickyApi();
    const { user, container } = await renderInDistrict(<StickyLicensesPage />, { subPath: '/sticky-licenses' });

    expect(await screen.findByText('No sticky licenses')).toBeInTheDocument();
    expect(await screen.findByText('Gives Algebra I Teacher Edition (3 seats left).')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    const picker = screen.getByRole('combobox', { name: 'Teacher or staff member' });
    await user.type(picker, 'lopez');
    await waitFor(() => expect(searches).toContain('lopez'));
    await user.click(within(document.getElementById(picker.getAttribute('aria-controls')!)!).getByRole('option', { name: /Maria Lopez/, hidden: true }));
    await user.type(screen.getByRole('textbox', { name: 'Note (optional)' }), 'Instructional coach');
    await user.click(screen.getByRole('button', { name: 'Give sticky licenses' }));

    expect(await screen.findByText('1 sticky license given to Maria Lopez.')).toBeInTheDocument();
    expect(creates).toEqual([{ accountId: maria.id, note: 'Instructional coach' }]);
    const row = await screen.findByRole('row', { name: /Maria Lopez/ });
    expect(within(row).getByText('Instructional coach')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Remove Algebra I Teacher Edition from Maria Lopez' }));
    expect(await screen.findByText('No sticky licenses')).toBeInTheDocument();
    expect(sticky).toEqual([]);
  });

  it('given no student seat left, when the admin enters a person by hand with student licenses, then the SSO hints show and the refusal is plain', async () => {
    const { creates } = stickyApi();
    const { user, container } = await renderInDistrict(<StickyLicensesPage />, { subPath: '/sticky-licenses' });

    await user.click(await screen.findByText('Someone not in the roster'));
    expect(screen.getByText('Must end in @harbor.k12.ca.us')).toBeInTheDocument();
    expect(await screen.findByText('Must match your sign-in format: [a-z]+[0-9]*')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Dana');
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Reyes');
    await user.type(screen.getByRole('textbox', { name: /^Email/ }), 'dreyes@harbor.k12.ca.us');
    await user.type(screen.getByRole('textbox', { name: /^Sign-in name/ }), 'dreyes');
    await user.click(screen.getByText('Student licenses'));
    expect(screen.getByText('Gives Algebra I Student Edition (0 seats left).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Give sticky licenses' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No seat left');
    expect(alert).toHaveTextContent('No seat left for Algebra I Student Edition: 10 of 10 seats covering today are in use.');
    expect(creates).toEqual([
      {
        account: { givenName: 'Dana', familyName: 'Reyes', email: 'dreyes@harbor.k12.ca.us', login: 'dreyes' },
        productIds: ['6a1d7b4f-3e2c-4d0a-8f4e-1b2c3d4e5f60'],
      },
    ]);
    await expectNoAxeViolations(container);
  });
});
