import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { LicenseWhyLookup } from './license-why-lookup';

const ALG_SE = '5f0c6a3e-2d1b-4c9a-9f3e-0a1b2c3d4e5f';
const ALG_TE = '6a1d7b4f-3e2c-4d0a-8f4e-1b2c3d4e5f60';
const products: Schemas['Product'][] = [
  { id: ALG_SE, sku: 'MATH-ALG1-SE', title: 'Algebra I Student Edition', edition: 'STUDENT', active: true },
  { id: ALG_TE, sku: 'MATH-ALG1-TE', title: 'Algebra I Teacher Edition', edition: 'TEACHER', active: true },
];
const holds: Schemas['LicenseWhy'] = {
  sourcedId: 'stu-000007',
  name: 'Ana Lopez',
  productId: ALG_SE,
  sku: 'MATH-ALG1-SE',
  productTitle: 'Algebra I Student Edition',
  usableToday: true,
  source: 'ROSTERED',
  usableFrom: '2026-08-15',
  usableUntil: '2027-01-15',
  answer: 'Ana Lopez holds Algebra I Student Edition: enrolled in Algebra I - Period 1.',
  chain: [
    { step: 'ENROLLMENT', ok: true, text: 'Enrolled as student in cls-000001 (active)' },
    { step: 'COURSE_MAPPING', ok: true, text: 'Course MATH-09 grants Algebra I Student Edition' },
    { step: 'TERM', ok: true, text: 'Term Fall 2026 runs Aug 15, 2026 – Jan 15, 2027' },
    { step: 'POOL', ok: true, text: 'Pool PO-118: 38 of 40 seats used' },
    { step: 'ASSIGNMENT', ok: true, text: 'Assigned by the sync of Nov 24' },
  ],
};
const missing: Schemas['LicenseWhy'] = {
  ...holds,
  productId: ALG_TE,
  sku: 'MATH-ALG1-TE',
  productTitle: 'Algebra I Teacher Edition',
  usableToday: false,
  source: undefined,
  usableFrom: undefined,
  usableUntil: undefined,
  answer: 'Ana Lopez does not hold Algebra I Teacher Edition: Course MATH-09 is not mapped to Algebra I Teacher Edition',
  missing: 'Course MATH-09 is not mapped to Algebra I Teacher Edition',
  chain: [
    { step: 'ENROLLMENT', ok: true, text: 'Enrolled as student in cls-000001 (active)' },
    { step: 'COURSE_MAPPING', ok: false, text: 'Course MATH-09 is not mapped to Algebra I Teacher Edition' },
  ],
};

function whyApi() {
  const asked: string[] = [];
  server.use(
    http.get('/api/v1/products', ({ query, response }) => {
      expect(query.get('includeInactive')).toBe('false');
      return response(200).json(products);
    }),
    http.get('/api/v1/districts/{districtId}/users/{userId}/licenses/{productId}/why', ({ params, response }) => {
      asked.push(`${params.userId} ${params.productId}`);
      if (params.userId !== 'stu-000007') return response.untyped(problemResponse(404, 'Not Found', `User ${params.userId} not found.`));
      return response(200).json(params.productId === ALG_SE ? holds : missing);
    }),
  );
  return asked;
}

describe('Why does someone have a license?', () => {
  it('given a person and a license, when the admin asks, then every link from enrollment to seat is explained', async () => {
    const asked = whyApi();
    const { user, container, router } = await renderInDistrict(<LicenseWhyLookup />, { subPath: '/imports' });

    await user.type(screen.getByRole('textbox', { name: 'Person' }), 'stu-000007');
    const license = screen.getByRole('combobox', { name: 'License' });
    await waitFor(() => expect(license).toHaveAttribute('placeholder', 'Pick a product'));
    await user.click(license);
    // Mantine keeps every option in the DOM: pick from this combobox's own list.
    const list = document.getElementById(license.getAttribute('aria-controls')!)!;
    await user.click(within(list).getByRole('option', { name: 'Algebra I Student Edition (MATH-ALG1-SE)', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Explain' }));

    const answer = await screen.findByRole('status', { name: 'Ana Lopez can use Algebra I Student Edition today' });
    expect(answer).toHaveTextContent('enrolled in Algebra I - Period 1');
    expect(answer).toHaveTextContent('A rostered license, usable Aug 15, 2026 – Jan 15, 2027.');
    const links = screen.getAllByRole('listitem');
    expect(links.map((l) => l.textContent)).toEqual([
      '✓Enrollment: in placeEnrolled as student in cls-000001 (active)',
      '✓Course mapping: in placeCourse MATH-09 grants Algebra I Student Edition',
      '✓Term dates: in placeTerm Fall 2026 runs Aug 15, 2026 – Jan 15, 2027',
      '✓License pool and seats: in placePool PO-118: 38 of 40 seats used',
      '✓Assignment: in placeAssigned by the sync of Nov 24',
    ]);
    expect(asked).toEqual([`stu-000007 ${ALG_SE}`]);
    // The question is in the address, so it can be shared or linked to.
    expect(router.state.location.search).toBe(`?whyUser=stu-000007&whyProduct=${ALG_SE}`);
    await expectNoAxeViolations(container);
  });

  it('given a link from the license plan, when the page opens, then the answer names the first missing link', async () => {
    whyApi();
    await renderInDistrict(<LicenseWhyLookup />, { subPath: `/imports?run=r-1&whyUser=stu-000007&whyProduct=${ALG_TE}` });

    const answer = await screen.findByRole('status', { name: 'Ana Lopez cannot use Algebra I Teacher Edition today' });
    expect(answer).toHaveTextContent('Course MATH-09 is not mapped to Algebra I Teacher Edition');
    expect(screen.getByText('Course mapping: missing')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Person' })).toHaveValue('stu-000007');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'License' })).toHaveValue('Algebra I Teacher Edition (MATH-ALG1-TE)'));
  });

  it('given someone Rosterline does not know, then the answer says so plainly', async () => {
    whyApi();
    await renderInDistrict(<LicenseWhyLookup />, { subPath: `/imports?whyUser=nobody-42&whyProduct=${ALG_SE}` });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('User nobody-42 not found.');
    expect(within(alert).queryByText(/can use/)).not.toBeInTheDocument();
  });

  it('given nothing asked yet, then Explain waits for a person and a license', async () => {
    whyApi();
    const { user } = await renderInDistrict(<LicenseWhyLookup />, { subPath: '/imports' });
    const explain = screen.getByRole('button', { name: 'Explain' });
    expect(explain).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Person' }), 'stu-000007');
    expect(explain).toBeDisabled();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
