import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type SchoolSelection = ApiBody<'/api/v1/districts/{districtId}/schools/selection', 'post'>;

/** Many at once: listed ids, or every school matching a search. Unknown ids are refused and nothing changes. */
export const selectSchools = ({ districtId, body }: { districtId: string; body: SchoolSelection }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/schools/selection', { params: { path: { districtId } }, body }));

export function useSelectSchools() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: selectSchools,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['schools', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
