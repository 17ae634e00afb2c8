import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const removeSftpKey = ({ districtId, keyId }: { districtId: string; keyId: string }) =>
  unwrap(api.DELETE('/api/v1/districts/{districtId}/sftp/keys/{keyId}', { params: { path: { districtId, keyId } } }));

export function useRemoveSftpKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeSftpKey,
    onSuccess: (_r, { districtId }) => queryClient.invalidateQueries({ queryKey: ['sftp', districtId] }),
  });
}
