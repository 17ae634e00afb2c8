import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Reads the schools from the SIS through the district's connection; earlier choices are kept. */
export const refreshSchools = (districtId: string) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/schools/refresh', { params: { path: { districtId } } }));

export function useRefreshSchools() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshSchools,
    onSuccess: (_r, districtId) => queryClient.invalidateQueries({ queryKey: ['schools', districtId] }),
  });
}
