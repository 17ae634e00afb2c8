import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type DistrictPage = ApiResponse<'/api/v1/districts'>;
export type DistrictListParams = { page?: number; size?: number; search?: string; includeArchived?: boolean };

/** Support staff see every district; a district admin gets only their own (the API filters). */
export const getDistricts = (params: DistrictListParams = {}) =>
  unwrap(api.GET('/api/v1/districts', { params: { query: { page: 0, size: 50, ...params } } }));

export const getDistrictsQueryOptions = (params: DistrictListParams = {}) =>
  queryOptions({
    queryKey: ['districts', params],
    queryFn: () => getDistricts(params),
    placeholderData: keepPreviousData,
  });

export const useDistricts = (params: DistrictListParams = {}) => useQuery(getDistrictsQueryOptions(params));
