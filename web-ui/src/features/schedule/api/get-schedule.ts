import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Schedule = ApiResponse<'/api/v1/districts/{districtId}/schedule'>;

export const getSchedule = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/schedule', { params: { path: { districtId } } }));

export const getScheduleQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['schedule', districtId], queryFn: () => getSchedule(districtId) });

export const useSchedule = (districtId: string) => useQuery(getScheduleQueryOptions(districtId));
