import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/**
 * The admin has looked at the staged data and the license plan: completes the checklist's Import and review step
 * without applying anything. Marking a run again changes nothing; 409 for a run that is neither staged nor applied.
 */
export const markRunReviewed = ({ districtId, runId }: { districtId: string; runId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs/{runId}/review', { params: { path: { districtId, runId } } }));

export function useMarkRunReviewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRunReviewed,
    onSuccess: (run, { districtId, runId }) => {
      queryClient.setQueryData(['runs', districtId, 'one', runId], run);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]);
    },
  });
}
