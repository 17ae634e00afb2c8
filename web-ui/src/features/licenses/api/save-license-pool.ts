import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type LicensePoolWrite = ApiBody<'/api/v1/districts/{districtId}/license-pools', 'post'>;

/** Creates (201, undeclared in the API, hence the cast) or replaces a pool. */
export const saveLicensePool = ({ districtId, poolId, body }: { districtId: string; poolId?: string; body: LicensePoolWrite }) =>
  poolId
    ? unwrap(api.PUT('/api/v1/districts/{districtId}/license-pools/{poolId}', { params: { path: { districtId, poolId } }, body }))
    : (unwrap(api.POST('/api/v1/districts/{districtId}/license-pools', { params: { path: { districtId } }, body })) as Promise<
        Schemas['LicensePool']
      >);

export function useSaveLicensePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveLicensePool,
    onSuccess: (_p, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
