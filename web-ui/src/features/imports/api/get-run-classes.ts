import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export type ClassChange = 'ADDED' | 'CHANGED' | 'REMOVED' | 'UNCHANGED';
export type RunClassQuery = { page: number; size: number; change?: ClassChange };

/** Classes as the run leaves them, paged on the server (a district has thousands). */
export const getRunClasses = (districtId: string, runId: string, query: RunClassQuery) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}/classes', { params: { path: { districtId, runId }, query } }));

export const getRunClassesQueryOptions = (districtId: string, runId: string, query: RunClassQuery) =>
  queryOptions({
    queryKey: ['runs', districtId, 'classes', runId, query],
    queryFn: () => getRunClasses(districtId, runId, query),
    placeholderData: keepPreviousData,
  });

export const useRunClasses = (districtId: string, runId: string, query: RunClassQuery) => useQuery(getRunClassesQueryOptions(districtId, runId, query));
