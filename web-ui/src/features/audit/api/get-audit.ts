import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type AuditPage = ApiResponse<'/api/v1/districts/{districtId}/audit'>;

export const getAudit = (districtId: string, page: number, size: number) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/audit', { params: { path: { districtId }, query: { page, size } } }));

export const getAuditQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['audit', districtId, { page, size }],
    queryFn: () => getAudit(districtId, page, size),
    placeholderData: keepPreviousData,
  });

export const useAudit = (districtId: string, page: number, size = 50) => useQuery(getAuditQueryOptions(districtId, page, size));
