import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type CoursePage = ApiResponse<'/api/v1/districts/{districtId}/courses'>;
export type Course = NonNullable<CoursePage['items']>[number];
export type CourseQuery = { page: number; size: number; search?: string; effectivelyIncluded?: boolean; school?: string };

/** Paged and searched on the server: a district may have thousands of courses. */
export const getCourses = (districtId: string, query: CourseQuery) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/courses', { params: { path: { districtId }, query } }));

export const getCoursesQueryOptions = (districtId: string, query: CourseQuery) =>
  queryOptions({
    queryKey: ['courses', districtId, query],
    queryFn: () => getCourses(districtId, query),
    placeholderData: keepPreviousData,
  });

export const useCourses = (districtId: string, query: CourseQuery) => useQuery(getCoursesQueryOptions(districtId, query));
