import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** Records who read the notification and when; marking it again changes nothing. Answers the notification. */
export const markNotificationRead = ({ districtId, notificationId }: { districtId: string; notificationId: string }) =>
  unwrap(
    api.POST('/api/v1/districts/{districtId}/notifications/{notificationId}/read', {
      params: { path: { districtId, notificationId } },
    }),
  );

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    // The list (read state, the unread-only filter) and the nav's unread count both change.
    onSuccess: (_notification, { districtId }) => queryClient.invalidateQueries({ queryKey: ['notifications', districtId] }),
  });
}
