import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Upload = ApiResponse<'/api/v1/districts/{districtId}/uploads/{uploadId}'>;

/**
 * One upload with every error its check kept (the list shows only the first 5). Same shape as a list item: the
 * errors come in `firstErrors`, uncut here; warnings are only counted.
 */
export const getUpload = (districtId: string, uploadId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/uploads/{uploadId}', { params: { path: { districtId, uploadId } } }));

export const getUploadQueryOptions = (districtId: string, uploadId: string) =>
  queryOptions({
    queryKey: ['uploads', districtId, 'one', uploadId],
    queryFn: () => getUpload(districtId, uploadId),
  });

export const useUpload = (districtId: string, uploadId: string) => useQuery(getUploadQueryOptions(districtId, uploadId));
