import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Reads the courses of the chosen schools from the SIS; choices and rules are kept. */
export const refreshCourses = (districtId: string) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/courses/refresh', { params: { path: { districtId } } }));

export function useRefreshCourses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshCourses,
    onSuccess: (_r, districtId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['course-rules', districtId] }),
      ]),
  });
}
