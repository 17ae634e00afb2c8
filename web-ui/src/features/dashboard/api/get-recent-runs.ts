import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schemas } from '@/api/client';

export type Run = Schemas['Run'];
/** The API declares counts as free JSON; the server writes per collection: added, changed, removed, unchanged, total. */
export type CollectionCounts = Record<string, { added?: number; changed?: number; removed?: number; unchanged?: number; total?: number }>;

const active = (r: Run) => r.status === 'QUEUED' || r.status === 'RUNNING';

/** The newest runs, enough to find the last roster import and the last license sync; refreshed while one is going. */
export const getRecentRuns = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs', { params: { path: { districtId }, query: { page: 0, size: 50 } } }));

export const getRecentRunsQueryOptions = (districtId: string) =>
  queryOptions({
    queryKey: ['runs', districtId, 'recent'],
    queryFn: () => getRecentRuns(districtId),
    refetchInterval: (query) => ((query.state.data?.items ?? []).some(active) ? 3000 : false),
  });

export const useRecentRuns = (districtId: string) => useQuery(getRecentRunsQueryOptions(districtId));
