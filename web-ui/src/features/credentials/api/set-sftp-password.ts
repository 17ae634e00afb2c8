import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** With no password, the server generates one and returns it in this response only. */
export const setSftpPassword = ({ districtId, password }: { districtId: string; password?: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/sftp/password', { params: { path: { districtId } }, body: { password } }));

export function useSetSftpPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSftpPassword,
    onSuccess: (_r, { districtId }) => queryClient.invalidateQueries({ queryKey: ['sftp', districtId] }),
  });
}
