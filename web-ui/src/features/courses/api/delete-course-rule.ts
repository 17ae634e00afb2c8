import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const deleteCourseRule = ({ districtId, ruleId }: { districtId: string; ruleId: string }) =>
  unwrap(api.DELETE('/api/v1/districts/{districtId}/course-rules/{ruleId}', { params: { path: { districtId, ruleId } } }));

export function useDeleteCourseRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCourseRule,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['course-rules', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
