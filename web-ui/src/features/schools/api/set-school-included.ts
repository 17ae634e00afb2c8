import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const setSchoolIncluded = ({ districtId, sourcedId, included }: { districtId: string; sourcedId: string; included: boolean }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/schools/{sourcedId}', { params: { path: { districtId, sourcedId } }, body: { included } }));

export function useSetSchoolIncluded() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSchoolIncluded,
    onSuccess: (_s, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['schools', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
