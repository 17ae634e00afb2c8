import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** A staged run's license plan (computed on request when the run carries no stored summary yet); five people per list suffice here. */
export const getRunPlan = (districtId: string, runId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}/plan', { params: { path: { districtId, runId }, query: { limit: 5 } } }));

export const getRunPlanQueryOptions = (districtId: string, runId: string) =>
  queryOptions({ queryKey: ['runs', districtId, 'plan-preview', runId], queryFn: () => getRunPlan(districtId, runId) });

export const useRunPlan = (districtId: string, runId: string | undefined, enabled: boolean) =>
  useQuery({ ...getRunPlanQueryOptions(districtId, runId ?? ''), enabled: enabled && Boolean(runId) });
