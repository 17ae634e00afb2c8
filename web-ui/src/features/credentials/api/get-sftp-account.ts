import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type SftpAccount = ApiResponse<'/api/v1/districts/{districtId}/sftp'>;

export const getSftpAccount = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/sftp', { params: { path: { districtId } } }));

export const getSftpAccountQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['sftp', districtId], queryFn: () => getSftpAccount(districtId) });

export const useSftpAccount = (districtId: string) => useQuery(getSftpAccountQueryOptions(districtId));
