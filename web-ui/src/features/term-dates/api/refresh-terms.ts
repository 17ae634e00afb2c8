import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const refreshTerms = (districtId: string) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/terms/refresh', { params: { path: { districtId } } }));

export function useRefreshTerms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshTerms,
    onSuccess: (_r, districtId) => queryClient.invalidateQueries({ queryKey: ['terms', districtId] }),
  });
}
