import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type ScheduleUpdate = ApiBody<'/api/v1/districts/{districtId}/schedule', 'put'>;

/** Going LIVE is refused (409) while checklist steps are missing; the problem lists them. */
export const updateSchedule = ({ districtId, body }: { districtId: string; body: ScheduleUpdate }) =>
  unwrap(api.PUT('/api/v1/districts/{districtId}/schedule', { params: { path: { districtId } }, body }));

export function useUpdateSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSchedule,
    onSuccess: (schedule, { districtId }) => {
      queryClient.setQueryData(['schedule', districtId], schedule);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
        queryClient.invalidateQueries({ queryKey: ['districts'] }),
        queryClient.invalidateQueries({ queryKey: ['audit', districtId] }),
      ]);
    },
  });
}
