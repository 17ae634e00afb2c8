import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict, supportUser } from '@/testing/test-utils';
import { LicensesPage } from './licenses-page';

const teacherEd: Schemas['Product'] = {
  id: '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f',
  sku: 'MATH-ALG1-TE',
  title: 'Algebra I Teacher Edition',
  edition: 'TEACHER',
  active: true,
  createdAt: '2026-11-01T18:00:00Z',
};
const studentEd: Schemas['Product'] = { ...teacherEd, id: '6a1d7b4f-3e2c-4d0a-8f4e-1b2c3d4e5f60', sku: 'MATH-ALG1-SE', title: 'Algebra I Student Edition', edition: 'STUDENT' };
const pool: Schemas['LicensePool'] = {
  id: '7a1e0c2b-9d3f-4b6a-8c5d-1e2f3a4b5c6d',
  productId: teacherEd.id,
  productSku: teacherEd.sku,
  productTitle: teacherEd.title,
  edition: 'TEACHER',
  seats: 40,
  seatsUsed: 12,
  seatsRemaining: 28,
  startDate: '2026-07-01',
  endDate: '2027-06-30',
  purchaseOrder: 'PO-2026-118',
  mode: 'ROSTERED',
  coversToday: true,
};
const course = (n: number): Schemas['Course'] => ({
  sourcedId: `crs-${n}`,
  title: `Algebra I period ${n}`,
  courseCode: `MATH-10${n}`,
  effectivelyIncluded: true,
  reason: 'INCLUDED_BY_RULE',
  productIds: n === 1 ? [teacherEd.id!] : [],
});

/** An option of one Mantine combobox (every picker keeps its options in the DOM, so look in this one's list). */
function optionOf(combobox: HTMLElement, name: string) {
  return within(document.getElementById(combobox.getAttribute('aria-controls')!)!).getByRole('option', { name, hidden: true });
}

function licensingApi() {
  const pools = [{ ...pool }];
  const courses = [course(1), course(2), course(3)];
  const poolWrites: Schemas['LicensePoolWrite'][] = [];
  const bulk: Schemas['BulkCourseLicenses'][] = [];
  const productWrites: Schemas['ProductWrite'][] = [];
  server.use(
    http.get('/api/v1/products', ({ response }) => response(200).json([teacherEd, studentEd])),
    http.post('/api/v1/products', async ({ request }) => {
      const body = await request.json();
      productWrites.push(body);
      return HttpResponse.json({ ...body, id: 'p-new', createdAt: '2026-11-23T18:00:00Z' }, { status: 201 });
    }),
    http.get('/api/v1/districts/{districtId}/license-pools', ({ response }) => response(200).json(pools)),
    http.put('/api/v1/districts/{districtId}/license-pools/{poolId}', async ({ request, response }) => {
      const body = await request.json();
      poolWrites.push(body);
      Object.assign(pools[0]!, body, { seatsRemaining: body.seats - pools[0]!.seatsUsed! });
      return response(200).json(pools[0]!);
    }),
    http.get('/api/v1/districts/{districtId}/courses', ({ query, response }) => {
      expect(query.get('effectivelyIncluded')).toBe('true');
      return response(200).json({ items: courses, page: 0, size: 25, total: courses.length });
    }),
    http.post('/api/v1/districts/{districtId}/course-licenses', async ({ request, response }) => {
      const body = await request.json();
      bulk.push(body);
      let added = 0;
      for (const c of courses.filter((x) => body.courseSourcedIds.includes(x.sourcedId!))) {
        for (const p of body.productIds) {
          if (!c.productIds!.includes(p)) {
            c.productIds!.push(p);
            added += 1;
          }
        }
      }
      return response(200).json({ courses: body.courseSourcedIds.length, mappingsAdded: added, mappingsRemoved: 0 });
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
  );
  return { pools, courses, poolWrites, bulk, productWrites };
}

describe('Licenses', () => {
  it('given a pool and three included courses, when the admin raises the seats and maps two courses to both editions at once, then seats and mappings are saved', async () => {
    const { courses, poolWrites, bulk } = licensingApi();
    const { user, container } = await renderInDistrict(<LicensesPage />, { subPath: '/licenses' });

    expect(await screen.findByText('12 of 40 used, 28 left')).toBeInTheDocument();
    expect(screen.getByText('Covers today')).toBeInTheDocument();
    expect(await screen.findByText('Algebra I period 2')).toBeInTheDocument();
    // District admins read the catalogue; only support staff edit it.
    expect(screen.queryByRole('button', { name: 'Add a product' })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Edit the pool for Algebra I Teacher Edition' }));
    const seats = await screen.findByRole('textbox', { name: 'Seats' });
    await user.clear(seats);
    await user.type(seats, '45');
    await user.click(screen.getByRole('button', { name: 'Save pool' }));
    await waitFor(() =>
      expect(poolWrites).toEqual([
        { productId: teacherEd.id, seats: 45, startDate: '2026-07-01', endDate: '2027-06-30', purchaseOrder: 'PO-2026-118', mode: 'ROSTERED' },
      ]),
    );
    expect(await screen.findByText('12 of 45 used, 33 left')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select Algebra I period 2' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Algebra I period 3' }));
    const bulkPicker = screen.getByRole('combobox', { name: 'Licenses for the 2 selected courses' });
    await user.click(bulkPicker);
    await user.click(optionOf(bulkPicker, 'Algebra I Teacher Edition (MATH-ALG1-TE)'));
    await user.click(optionOf(bulkPicker, 'Algebra I Student Edition (MATH-ALG1-SE)'));
    await user.click(screen.getByRole('button', { name: 'Add to selected' }));
    expect(await screen.findByText('2 courses mapped: 4 licenses added, 0 removed.')).toBeInTheDocument();
    expect(bulk).toEqual([{ courseSourcedIds: ['crs-2', 'crs-3'], productIds: [teacherEd.id, studentEd.id], replace: false }]);
    expect(courses[2]!.productIds).toEqual([teacherEd.id, studentEd.id]);
    const row = screen.getByRole('row', { name: /Algebra I period 3/ });
    await waitFor(() => expect(within(row).getAllByText(/Algebra I (Teacher|Student) Edition/)).toHaveLength(2));
  });

  it('given support staff, when they add a product, then it is posted to the catalogue', async () => {
    const { productWrites } = licensingApi();
    const { user } = await renderInDistrict(<LicensesPage />, { subPath: '/licenses', user: supportUser });
    await user.click(await screen.findByRole('button', { name: 'Add a product' }));
    await user.type(await screen.findByRole('textbox', { name: 'SKU' }), 'SCI-BIO-SE');
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Biology Student Edition');
    const edition = screen.getByRole('combobox', { name: 'Edition' });
    await user.click(edition);
    await user.click(optionOf(edition, 'Student edition'));
    await user.click(screen.getByRole('button', { name: 'Save product' }));
    expect(await screen.findByText('Biology Student Edition saved.')).toBeInTheDocument();
    expect(productWrites).toEqual([{ sku: 'SCI-BIO-SE', title: 'Biology Student Edition', edition: 'STUDENT', active: true }]);
  });
});
