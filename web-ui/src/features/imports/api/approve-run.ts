import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Approve a held sync: it is applied exactly as it is (removals included). */
export const approveRun = ({ districtId, runId }: { districtId: string; runId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/approve', { params: { path: { districtId, runId } } }));

export function useApproveRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveRun,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
      ]),
  });
}
