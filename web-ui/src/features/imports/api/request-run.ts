import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schemas } from '@/api/client';

/** Queues a run for the next free worker: MANUAL_IMPORT stages for review, RESYNC reads everything and applies. 409: one is already waiting. */
export const requestRun = ({ districtId, kind }: { districtId: string; kind: Schemas['RunKind'] }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs', { params: { path: { districtId } }, body: { kind } }));

export function useRequestRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestRun,
    onSuccess: (_r, { districtId }) => queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
  });
}
