import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** DELETE archives: the district stops syncing and leaves the list, its history is kept. */
export const archiveDistrict = (districtId: string) =>
  unwrap(api.DELETE('/api/v1/districts/{districtId}', { params: { path: { districtId } } }));

export function useArchiveDistrict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveDistrict,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['districts'] }),
  });
}
