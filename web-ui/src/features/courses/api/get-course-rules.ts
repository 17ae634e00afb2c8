import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type CourseRule = ApiResponse<'/api/v1/districts/{districtId}/course-rules'>[number];

export const getCourseRules = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/course-rules', { params: { path: { districtId } } }));

export const getCourseRulesQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['course-rules', districtId], queryFn: () => getCourseRules(districtId) });

export const useCourseRules = (districtId: string) => useQuery(getCourseRulesQueryOptions(districtId));
