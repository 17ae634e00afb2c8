import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const addSftpKey = ({ districtId, publicKey }: { districtId: string; publicKey: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/sftp/keys', { params: { path: { districtId } }, body: { publicKey } }));

export function useAddSftpKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addSftpKey,
    onSuccess: (_key, { districtId }) => queryClient.invalidateQueries({ queryKey: ['sftp', districtId] }),
  });
}
