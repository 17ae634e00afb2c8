import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Sync Licenses: applies a staged run in one transaction; seats are never exceeded. */
export const applyRun = ({ districtId, runId }: { districtId: string; runId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/apply', { params: { path: { districtId, runId } } }));

export function useApplyRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyRun,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
      ]),
  });
}
