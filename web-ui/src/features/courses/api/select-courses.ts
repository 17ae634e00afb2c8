import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type CourseSelection = ApiBody<'/api/v1/districts/{districtId}/courses/selection', 'post'>;

/** Many at once: listed ids (include / exclude / clear), or every course matching a search. */
export const selectCourses = ({ districtId, body }: { districtId: string; body: CourseSelection }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/courses/selection', { params: { path: { districtId } }, body }));

export function useSelectCourses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: selectCourses,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['course-rules', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
