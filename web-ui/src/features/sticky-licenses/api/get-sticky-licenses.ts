import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type StickyLicense = ApiResponse<'/api/v1/districts/{districtId}/sticky-licenses'>[number];

export const getStickyLicenses = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/sticky-licenses', { params: { path: { districtId } } }));

export const getStickyLicensesQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['sticky-licenses', districtId], queryFn: () => getStickyLicenses(districtId) });

export const useStickyLicenses = (districtId: string) => useQuery(getStickyLicensesQueryOptions(districtId));
