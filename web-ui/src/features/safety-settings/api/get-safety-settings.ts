import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type SafetySettings = ApiResponse<'/api/v1/districts/{districtId}/safety-settings'>;

/** When a sync is held for review, and the other safety rules of a district; the server's defaults until changed. */
export const getSafetySettings = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/safety-settings', { params: { path: { districtId } } }));

export const getSafetySettingsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['safety-settings', districtId], queryFn: () => getSafetySettings(districtId) });

export const useSafetySettings = (districtId: string) => useQuery(getSafetySettingsQueryOptions(districtId));
