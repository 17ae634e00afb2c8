import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Term = ApiResponse<'/api/v1/districts/{districtId}/terms'>[number];

export const getTerms = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/terms', { params: { path: { districtId } } }));

export const getTermsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['terms', districtId], queryFn: () => getTerms(districtId) });

export const useTerms = (districtId: string) => useQuery(getTermsQueryOptions(districtId));
