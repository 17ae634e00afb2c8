import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { HoldFinding, RunStatus } from './types';

/** Why a sync was held (plain reasons per school or the district) and what was decided. */
export const getRunHold = async (districtId: string, runId: string) => {
  const hold = await unwrap(api.GET('/api/v1/districts/{districtId}/runs/{runId}/hold', { params: { path: { districtId, runId } } }));
  return { ...hold, findings: (Array.isArray(hold.findings) ? hold.findings : []) as unknown as HoldFinding[] };
};

/** Keyed by the run's status, so an approve or discard shows the decision at once. */
export const getRunHoldQueryOptions = (districtId: string, runId: string, status: RunStatus | undefined) =>
  queryOptions({ queryKey: ['runs', districtId, 'hold', runId, status], queryFn: () => getRunHold(districtId, runId) });

export const useRunHold = (districtId: string, runId: string, status: RunStatus | undefined, enabled: boolean) =>
  useQuery({ ...getRunHoldQueryOptions(districtId, runId, status), enabled });
