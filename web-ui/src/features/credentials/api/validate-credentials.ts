import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export const validateCredentials = (districtId: string) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/credentials/validate', { params: { path: { districtId } } }));

export function useValidateCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: validateCredentials,
    onSuccess: (checked, districtId) => {
      queryClient.setQueryData(['credentials', districtId], checked);
      return queryClient.invalidateQueries({ queryKey: ['checklist', districtId] });
    },
  });
}
