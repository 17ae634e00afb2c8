import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';
import type { RunStatus } from './types';

export type LicensePlan = ApiResponse<'/api/v1/districts/{districtId}/runs/{runId}/plan'>;

/** Who gains and who loses which license, seats needed and available, who gets no seat (first 100 people of each list). */
export const getRunPlan = (districtId: string, runId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}/plan', { params: { path: { districtId, runId }, query: { limit: 100 } } }));

export const getRunPlanQueryOptions = (districtId: string, runId: string, status: RunStatus | undefined) =>
  queryOptions({ queryKey: ['runs', districtId, 'plan', runId, status], queryFn: () => getRunPlan(districtId, runId) });

export const useRunPlan = (districtId: string, runId: string, status: RunStatus | undefined, enabled: boolean) =>
  useQuery({ ...getRunPlanQueryOptions(districtId, runId, status), enabled });
