import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Frees the seat; the account stays. */
export const deleteStickyLicense = ({ districtId, assignmentId }: { districtId: string; assignmentId: string }) =>
  unwrap(
    api.DELETE('/api/v1/districts/{districtId}/sticky-licenses/{assignmentId}', { params: { path: { districtId, assignmentId } } }),
  );

export function useDeleteStickyLicense() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteStickyLicense,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['sticky-licenses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
      ]),
  });
}
