import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Pool = ApiResponse<'/api/v1/districts/{districtId}/license-pools'>[number];

/** The pools tell which teacher- and student-edition products can be given today, and how many seats are left. */
export const getPools = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/license-pools', { params: { path: { districtId } } }));

export const getPoolsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['license-pools', districtId], queryFn: () => getPools(districtId) });

export const usePools = (districtId: string) => useQuery(getPoolsQueryOptions(districtId));
