import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type DistrictCreate = ApiBody<'/api/v1/districts', 'post'>;

export const createDistrict = (body: DistrictCreate) => unwrap(api.POST('/api/v1/districts', { body }));

export function useCreateDistrict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDistrict,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['districts'] }),
  });
}
