import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type SsoFormatUpdate = ApiBody<'/api/v1/districts/{districtId}/sso-format', 'put'>;

/** Email domain and sign-in name pattern for accounts entered from now on; null turns a check off. Audited. */
export const updateSsoFormat = ({ districtId, body }: { districtId: string; body: SsoFormatUpdate }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/sso-format', { params: { path: { districtId } }, body }));

export function useUpdateSsoFormat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSsoFormat,
    onSuccess: (saved, { districtId }) => {
      queryClient.setQueryData(['sso-format', districtId], saved);
      return queryClient.invalidateQueries({ queryKey: ['audit', districtId] });
    },
  });
}
