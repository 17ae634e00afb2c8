import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** true includes, false excludes, null clears the admin's choice so the course rules decide. */
export const setCourseChoice = ({ districtId, sourcedId, included }: { districtId: string; sourcedId: string; included: boolean | null }) =>
  unwrap(
    api.PUT('/api/v1/districts/{districtId}/courses/{sourcedId}', {
      params: { path: { districtId, sourcedId } },
      // The API reads a JSON null as "no explicit choice"; the generated type only knows the boolean.
      body: { included: included as boolean },
    }),
  );

export function useSetCourseChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setCourseChoice,
    onSuccess: (_c, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['course-rules', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
