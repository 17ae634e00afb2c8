import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LicensePlan as Plan } from '../api/get-run-plan';
import { renderInDistrict } from '@/testing/test-utils';
import { LicensePlan } from './license-plan';

const product = {
  productId: 'a1000000-0000-4000-8000-000000000001',
  sku: 'MATH-ST',
  title: 'Math student edition',
  edition: 'STUDENT',
  needed: 120,
  seatsAvailable: 110,
  assigned: 110,
  unseated: 10,
  gains: 0,
  losses: 0,
  pools: [],
} satisfies NonNullable<Plan['products']>[number];

describe('License plan of an applied sync', () => {
  it('given a sync whose inputs had not changed, when the admin opens it, then it says every license was kept', async () => {
    renderInDistrict(
      <LicensePlan
        applied
        plan={{ products: [product], gainsTotal: 0, lossesTotal: 0, unseatedTotal: 10, gains: [], losses: [], unseated: [],
          unchangedSince: 'c1000000-0000-4000-8000-000000000001' }}
      />,
    );
    expect(await screen.findByText(/Nothing the licenses depend on changed since an earlier sync/)).toHaveTextContent(
      'so every license was kept as it is',
    );
    expect(screen.getByText('10 people got no seat')).toBeInTheDocument();
  });

  it('given a sync that computed its licenses, when the admin opens it, then it says nothing about an earlier sync', async () => {
    renderInDistrict(
      <LicensePlan applied plan={{ products: [{ ...product, gains: 3 }], gainsTotal: 3, lossesTotal: 0, unseatedTotal: 0, gains: [],
        losses: [], unseated: [] }} />,
    );
    expect(await screen.findByText('What this sync changed')).toBeInTheDocument();
    expect(screen.queryByText(/Nothing the licenses depend on changed/)).not.toBeInTheDocument();
  });
});
