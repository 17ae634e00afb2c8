import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type UploadPage = ApiResponse<'/api/v1/districts/{districtId}/uploads'>;

export const getUploads = (districtId: string, page: number, size: number) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/uploads', { params: { path: { districtId }, query: { page, size } } }));

export const getUploadsQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['uploads', districtId, { page, size }],
    queryFn: () => getUploads(districtId, page, size),
    placeholderData: keepPreviousData,
  });

export const useUploads = (districtId: string, page: number, size = 20) => useQuery(getUploadsQueryOptions(districtId, page, size));
