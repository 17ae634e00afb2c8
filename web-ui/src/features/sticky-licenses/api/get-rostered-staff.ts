import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type StaffMember = NonNullable<ApiResponse<'/api/v1/districts/{districtId}/sticky-licenses/rostered-staff'>['items']>[number];

/** Rostered teachers and staff to pick from, searched on the server by name, email or login. */
export const getRosteredStaff = (districtId: string, search: string | undefined) =>
  unwrap(
    api.GET('/api/v1/districts/{districtId}/sticky-licenses/rostered-staff', {
      params: { path: { districtId }, query: { search, page: 0, size: 20 } },
    }),
  );

export const getRosteredStaffQueryOptions = (districtId: string, search: string | undefined) =>
  queryOptions({
    queryKey: ['rostered-staff', districtId, search ?? ''],
    queryFn: () => getRosteredStaff(districtId, search),
    placeholderData: keepPreviousData,
  });

export const useRosteredStaff = (districtId: string, search: string | undefined) => useQuery(getRosteredStaffQueryOptions(districtId, search));
