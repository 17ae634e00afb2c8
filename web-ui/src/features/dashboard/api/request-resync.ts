import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** RESYNC: the worker reads every record again (not only the changes) and the licenses are synced. */
export const requestResync = (districtId: string) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/runs', { params: { path: { districtId } }, body: { kind: 'RESYNC' } }));

export function useRequestResync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestResync,
    onSuccess: (_r, districtId) => queryClient.invalidateQueries({ queryKey: ['runs', districtId] }),
  });
}
