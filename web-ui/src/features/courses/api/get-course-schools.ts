import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type CourseSchool = NonNullable<ApiResponse<'/api/v1/districts/{districtId}/schools'>['items']>[number];

/** The schools whose courses the admin can narrow the list to: the included ones (courses of the others are never rostered). */
export const getCourseSchools = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/schools', { params: { path: { districtId }, query: { included: true, page: 0, size: 500 } } }));

// Under the schools feature's key, so including or leaving out a school refreshes this list too.
export const getCourseSchoolsQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['schools', districtId, 'for-courses'], queryFn: () => getCourseSchools(districtId) });

export const useCourseSchools = (districtId: string) => useQuery(getCourseSchoolsQueryOptions(districtId));
