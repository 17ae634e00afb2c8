import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Discard a held sync: its removals are never applied (additions already given stay). */
export const discardRun = ({ districtId, runId }: { districtId: string; runId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/discard', { params: { path: { districtId, runId } } }));

export function useDiscardRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: discardRun,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
