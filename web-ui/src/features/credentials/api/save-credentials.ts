import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type SisCredentialsUpdate = ApiBody<'/api/v1/districts/{districtId}/credentials', 'put'>;

/** Saves and checks live against the SIS; invalid details are saved too, with the reason in `validation`. */
export const saveCredentials = ({ districtId, body }: { districtId: string; body: SisCredentialsUpdate }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/credentials', { params: { path: { districtId } }, body }));

export function useSaveCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCredentials,
    onSuccess: (saved, { districtId }) => {
      queryClient.setQueryData(['credentials', districtId], saved);
      return queryClient.invalidateQueries({ queryKey: ['checklist', districtId] });
    },
  });
}
