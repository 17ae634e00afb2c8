import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schemas } from '@/api/client';

/** The newest runs, to find the latest staged or applied one: what going live would carry on from. */
export const getLatestRuns = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs', { params: { path: { districtId }, query: { page: 0, size: 20 } } }));

/** The newest run with a license plan: a reviewed import not yet synced (STAGED) or the last sync (APPLIED). */
export const latestPlanned = (runs: Schemas['Run'][]) => runs.find((r) => r.status === 'STAGED' || r.status === 'APPLIED');

export const getLatestRunsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['runs', districtId, 'latest-planned'], queryFn: () => getLatestRuns(districtId), select: (page) => latestPlanned(page.items ?? []) });

export const useLatestPlannedRun = (districtId: string, enabled: boolean) => useQuery({ ...getLatestRunsQueryOptions(districtId), enabled });
