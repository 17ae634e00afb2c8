import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Run } from './types';

/**
 * Restore an applied sync's license assignments: the server creates a RESTORE run, staged, to review with its plan
 * and apply with Sync Licenses. The 201 answer has no declared schema; the server writes the run (RunView).
 */
export const restoreRun = async ({ districtId, runId }: { districtId: string; runId: string }) =>
  (await unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/restore', { params: { path: { districtId, runId } } }))) as unknown as Run;

export function useRestoreRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreRun,
    onSuccess: (_r, { districtId }) => queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
  });
}
