import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type LicensePool = ApiResponse<'/api/v1/districts/{districtId}/license-pools'>[number];

export const getLicensePools = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/license-pools', { params: { path: { districtId } } }));

export const getLicensePoolsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['license-pools', districtId], queryFn: () => getLicensePools(districtId) });

export const useLicensePools = (districtId: string) => useQuery(getLicensePoolsQueryOptions(districtId));
