import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/**
 * The admin says the change that stopped a run (columns, encoding, size) is intended: the district's next run skips the
 * fail-safe source checks once; the removal thresholds still judge it. 409 when it was accepted already or the checks
 * did not stop this run.
 */
export const acceptSourceChange = ({ districtId, runId }: { districtId: string; runId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/accept-source-change', { params: { path: { districtId, runId } } }));

export function useAcceptSourceChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptSourceChange,
    // The run now says who accepted it; the checklist may no longer count the failed import as the latest word.
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
