import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type MappedCourse = NonNullable<ApiResponse<'/api/v1/districts/{districtId}/courses'>['items']>[number];
export type MappedCourseQuery = { page: number; size: number; search?: string };

/** The included courses with the products each grants (productIds): the rows of the course-to-license mapping. */
export const getMappedCourses = (districtId: string, query: MappedCourseQuery) =>
  unwrap(
    api.GET('/api/v1/districts/{districtId}/courses', {
      params: { path: { districtId }, query: { ...query, effectivelyIncluded: true } },
    }),
  );

export const getMappedCoursesQueryOptions = (districtId: string, query: MappedCourseQuery) =>
  queryOptions({
    queryKey: ['courses', districtId, 'licenses', query],
    queryFn: () => getMappedCourses(districtId, query),
    placeholderData: keepPreviousData,
  });

export const useMappedCourses = (districtId: string, query: MappedCourseQuery) => useQuery(getMappedCoursesQueryOptions(districtId, query));
