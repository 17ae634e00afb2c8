import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type SafetySettingsUpdate = ApiBody<'/api/v1/districts/{districtId}/safety-settings', 'put'>;

/** Replaces the whole settings object: send back every field read, changed or not, or the server resets it. */
export const updateSafetySettings = ({ districtId, body }: { districtId: string; body: SafetySettingsUpdate }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/safety-settings', { params: { path: { districtId } }, body }));

export function useUpdateSafetySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSafetySettings,
    onSuccess: (saved, { districtId }) => {
      queryClient.setQueryData(['safety-settings', districtId], saved);
      return queryClient.invalidateQueries({ queryKey: ['audit', districtId] });
    },
  });
}
