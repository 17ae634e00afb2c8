import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { refreshAfterDecision } from './refresh-after-decision';

/** Links the chosen candidate account to the incoming person (undoable in the link history); licenses follow at the next sync. */
export const acceptAccountReview = ({ districtId, reviewId, accountId }: { districtId: string; reviewId: string; accountId: string }) =>
  unwrap(
    api.POST('/api/v1/districts/{districtId}/account-reviews/{reviewId}/accept', {
      params: { path: { districtId, reviewId } },
      body: { accountId },
    }),
  );

export function useAcceptAccountReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptAccountReview,
    onSuccess: (_r, { districtId }) => refreshAfterDecision(queryClient, districtId),
  });
}
