import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type RosterEntry = ApiResponse<'/api/v1/districts/{districtId}/runs/{runId}/classes/{classSourcedId}/roster'>[number];

/** One class's roster by its ClassId, teachers first; removed enrollments are listed as REMOVED. */
export const getClassRoster = (districtId: string, runId: string, classSourcedId: string) =>
  unwrap(
    api.GET('/api/v1/districts/{districtId}/runs/{runId}/classes/{classSourcedId}/roster', {
      params: { path: { districtId, runId, classSourcedId } },
    }),
  );

export const getClassRosterQueryOptions = (districtId: string, runId: string, classSourcedId: string) =>
  queryOptions({
    queryKey: ['runs', districtId, 'roster', runId, classSourcedId],
    queryFn: () => getClassRoster(districtId, runId, classSourcedId),
  });

export const useClassRoster = (districtId: string, runId: string, classSourcedId: string) =>
  useQuery(getClassRosterQueryOptions(districtId, runId, classSourcedId));
