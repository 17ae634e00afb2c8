import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { isActive } from './types';

/** Run history, newest first; refreshed while a run on the page is still going. */
export const getRuns = (districtId: string, page: number, size: number) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs', { params: { path: { districtId }, query: { page, size } } }));

export const getRunsQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['runs', districtId, 'list', { page, size }],
    queryFn: () => getRuns(districtId, page, size),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => ((query.state.data?.items ?? []).some((r) => isActive(r.status)) ? 3000 : false),
  });

export const useRuns = (districtId: string, page: number, size: number) => useQuery(getRunsQueryOptions(districtId, page, size));
