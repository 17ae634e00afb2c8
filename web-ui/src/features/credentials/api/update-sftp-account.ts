import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Creates the SFTP account on first use, or turns logins on and off. */
export const updateSftpAccount = ({ districtId, enabled }: { districtId: string; enabled: boolean }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/sftp', { params: { path: { districtId } }, body: { enabled } }));

export function useUpdateSftpAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSftpAccount,
    onSuccess: (account, { districtId }) => queryClient.setQueryData(['sftp', districtId], account),
  });
}
