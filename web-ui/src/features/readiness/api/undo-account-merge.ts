import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Undo a link or merge: both accounts and their license assignments are put back as they were. */
export const undoAccountMerge = ({ districtId, mergeId }: { districtId: string; mergeId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/account-merges/{mergeId}/undo', { params: { path: { districtId, mergeId } } }));

export function useUndoAccountMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoAccountMerge,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['account-merges', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['readiness', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
