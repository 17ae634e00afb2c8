import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The complete set of products one course grants; an empty list removes them all. */
export const setCourseLicenses = ({ districtId, sourcedId, productIds }: { districtId: string; sourcedId: string; productIds: string[] }) =>
  unwrap(
    api.PUT('/api/v1/districts/{districtId}/courses/{sourcedId}/licenses', {
      params: { path: { districtId, sourcedId } },
      body: { productIds },
    }),
  );

export function useSetCourseLicenses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setCourseLicenses,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
