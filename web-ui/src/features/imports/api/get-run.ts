import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { isActive } from './types';

/** One run with its live progress: polled every 1.5 s while queued or running, so the page follows it without a refresh. */
export const getRun = (districtId: string, runId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}', { params: { path: { districtId, runId } } }));

export const POLL_MS = 1500;

export const getRunQueryOptions = (districtId: string, runId: string) =>
  queryOptions({
    queryKey: ['runs', districtId, 'one', runId],
    queryFn: () => getRun(districtId, runId),
    refetchInterval: (query) => (isActive(query.state.data?.status) ? POLL_MS : false),
  });

export const useRun = (districtId: string, runId: string) => useQuery(getRunQueryOptions(districtId, runId));
