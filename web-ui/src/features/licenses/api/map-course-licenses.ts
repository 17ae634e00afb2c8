import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type BulkCourseLicenses = ApiBody<'/api/v1/districts/{districtId}/course-licenses', 'post'>;

/** Several courses at once: replace=false adds the products, replace=true makes them each course's complete set. */
export const mapCourseLicenses = ({ districtId, body }: { districtId: string; body: BulkCourseLicenses }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/course-licenses', { params: { path: { districtId } }, body }));

export function useMapCourseLicenses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mapCourseLicenses,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['courses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
      ]),
  });
}
