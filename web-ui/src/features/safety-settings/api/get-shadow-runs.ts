import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type ShadowRunsPage = ApiResponse<'/api/v1/districts/{districtId}/shadow-runs'>;
export type ShadowRun = NonNullable<ShadowRunsPage['items']>[number];

/** The nightly dry runs of a district in setup, newest first, each with the license plan it computed; nothing was applied. */
export const getShadowRuns = (districtId: string, page: number, size: number) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/shadow-runs', { params: { path: { districtId }, query: { page, size } } }));

export const getShadowRunsQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['shadow-runs', districtId, { page, size }],
    queryFn: () => getShadowRuns(districtId, page, size),
    placeholderData: keepPreviousData,
  });

export const useShadowRuns = (districtId: string, page: number, size = 20) => useQuery(getShadowRunsQueryOptions(districtId, page, size));
