import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type SisCredentials = ApiResponse<'/api/v1/districts/{districtId}/credentials'>;

/** The stored connection; the secret itself is never returned, only whether one is set and its last four characters. */
export const getCredentials = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/credentials', { params: { path: { districtId } } }));

export const getCredentialsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['credentials', districtId], queryFn: () => getCredentials(districtId) });

export const useCredentials = (districtId: string) => useQuery(getCredentialsQueryOptions(districtId));
