import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type StickyCreate = ApiBody<'/api/v1/districts/{districtId}/sticky-licenses', 'post'>;

/** Answers 201 with one sticky license per product (the API does not declare that body, hence the cast). 409: no seat left. */
export const createStickyLicense = ({ districtId, body }: { districtId: string; body: StickyCreate }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/sticky-licenses', { params: { path: { districtId } }, body })) as Promise<
    Schemas['StickyLicense'][]
  >;

export function useCreateStickyLicense() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStickyLicense,
    onSuccess: (_r, { districtId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['sticky-licenses', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['license-pools', districtId] }),
      ]),
  });
}
