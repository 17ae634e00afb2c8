import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schemas } from '@/api/client';

export const updatePlatform = ({ districtId, platform }: { districtId: string; platform: Schemas['RosterPlatform'] }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}', { params: { path: { districtId } }, body: { platform } }));

export function useUpdatePlatform() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePlatform,
    onSuccess: (district, { districtId }) => {
      queryClient.setQueryData(['districts', 'detail', districtId], district);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['credentials', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]);
    },
  });
}
