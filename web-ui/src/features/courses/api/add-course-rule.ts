import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type CourseRuleCreate = ApiBody<'/api/v1/districts/{districtId}/course-rules', 'post'>;

// The API answers 201 with the rule but declares no body for it, so the generated type is unknown.
export const addCourseRule = ({ districtId, body }: { districtId: string; body: CourseRuleCreate }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/course-rules', { params: { path: { districtId } }, body })) as Promise<Schemas['CourseRule']>;

export function useAddCourseRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addCourseRule,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['course-rules', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
