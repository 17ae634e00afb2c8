import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type FindingKind = ApiBody<'/api/v1/districts/{districtId}/readiness/acknowledgements', 'post'>['kind'];

/** Acknowledge a kind of finding: an acknowledged blocking finding no longer keeps the step open. Answers the new review. */
export const acknowledgeFinding = ({ districtId, kind }: { districtId: string; kind: FindingKind }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/readiness/acknowledgements', { params: { path: { districtId } }, body: { kind } }));

export function useAcknowledgeFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeFinding,
    onSuccess: (review, { districtId }) => {
      queryClient.setQueryData(['readiness', districtId], review);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['schedule', districtId] }),
      ]);
    },
  });
}
