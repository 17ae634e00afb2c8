import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Checklist = ApiResponse<'/api/v1/districts/{districtId}/checklist'>;

export const getChecklist = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/checklist', { params: { path: { districtId } } }));

export const getChecklistQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['checklist', districtId], queryFn: () => getChecklist(districtId) });

export const useChecklist = (districtId: string) => useQuery(getChecklistQueryOptions(districtId));
