import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const deleteLicensePool = ({ districtId, poolId }: { districtId: string; poolId: string }) =>
  unwrap(api.DELETE('/api/v1/districts/{districtId}/license-pools/{poolId}', { params: { path: { districtId, poolId } } }));

export function useDeleteLicensePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteLicensePool,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
