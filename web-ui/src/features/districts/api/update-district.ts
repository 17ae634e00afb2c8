import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type DistrictUpdate = ApiBody<'/api/v1/districts/{districtId}', 'put'>;

export const updateDistrict = ({ districtId, body }: { districtId: string; body: DistrictUpdate }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}', { params: { path: { districtId } }, body }));

export function useUpdateDistrict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDistrict,
    onSuccess: (district, { districtId }) => {
      queryClient.setQueryData(['districts', 'detail', districtId], district);
      // The checklist and audit trail reflect the change too.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['districts'] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['audit', districtId] }),
      ]);
    },
  });
}
