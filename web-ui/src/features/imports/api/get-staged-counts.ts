import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { CollectionCounts, RunStatus } from './types';

export const getStagedCounts = async (districtId: string, runId: string) => {
  const staged = await unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}/staged', { params: { path: { districtId, runId } } }));
  return { ...staged, counts: (staged.counts ?? {}) as unknown as CollectionCounts };
};

/** Keyed by the run's status so the counts load the moment a run finishes staging. */
export const getStagedCountsQueryOptions = (districtId: string, runId: string, status: RunStatus | undefined) =>
  queryOptions({ queryKey: ['runs', districtId, 'staged', runId, status], queryFn: () => getStagedCounts(districtId, runId) });

export const useStagedCounts = (districtId: string, runId: string, status: RunStatus | undefined, enabled: boolean) =>
  useQuery({ ...getStagedCountsQueryOptions(districtId, runId, status), enabled });
