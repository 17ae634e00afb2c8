import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type SchoolPage = ApiResponse<'/api/v1/districts/{districtId}/schools'>;
export type SchoolQuery = { page: number; size: number; search?: string; included?: boolean };

/** Paged and searched on the server: a district may have hundreds of schools. */
export const getSchools = (districtId: string, query: SchoolQuery) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/schools', { params: { path: { districtId }, query } }));

export const getSchoolsQueryOptions = (districtId: string, query: SchoolQuery) =>
  queryOptions({
    queryKey: ['schools', districtId, query],
    queryFn: () => getSchools(districtId, query),
    placeholderData: keepPreviousData,
  });

export const useSchools = (districtId: string, query: SchoolQuery) => useQuery(getSchoolsQueryOptions(districtId, query));
