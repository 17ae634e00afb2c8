import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type TermOverride = ApiBody<'/api/v1/districts/{districtId}/terms/{sourcedId}', 'put'>;

/** overrideStart opens access early, freezeEnd keeps access late; null removes either. */
export const updateTerm = ({ districtId, sourcedId, body }: { districtId: string; sourcedId: string; body: TermOverride }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/terms/{sourcedId}', { params: { path: { districtId, sourcedId } }, body }));

export function useUpdateTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTerm,
    onSuccess: (_t, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['terms', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
