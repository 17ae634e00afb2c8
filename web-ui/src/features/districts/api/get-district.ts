import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type District = ApiResponse<'/api/v1/districts/{districtId}'>;

export const getDistrict = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}', { params: { path: { districtId } } }));

export const getDistrictQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['districts', 'detail', districtId], queryFn: () => getDistrict(districtId) });

export const useDistrict = (districtId: string) => useQuery(getDistrictQueryOptions(districtId));
