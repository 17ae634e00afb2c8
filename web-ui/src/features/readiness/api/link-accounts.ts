import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type ReadinessAction = ApiBody<'/api/v1/districts/{districtId}/readiness/actions', 'post'>['actions'][number];

/** Link (or merge) accounts in bulk: all or nothing, each kept and undoable. */
export const linkAccounts = ({ districtId, actions }: { districtId: string; actions: ReadinessAction[] }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/readiness/actions', { params: { path: { districtId } }, body: { actions } }));

export function useLinkAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: linkAccounts,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['readiness', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['account-merges', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
