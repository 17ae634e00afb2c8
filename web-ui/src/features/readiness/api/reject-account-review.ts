import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { refreshAfterDecision } from './refresh-after-decision';

/** None of the candidates is this person: Rosterline creates a new account for them; the candidates stay as they are. */
export const rejectAccountReview = ({ districtId, reviewId }: { districtId: string; reviewId: string }) =>
  unwrap(api.POST('/api/v1/districts/{districtId}/account-reviews/{reviewId}/reject', { params: { path: { districtId, reviewId } } }));

export function useRejectAccountReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectAccountReview,
    onSuccess: (_r, { districtId }) => refreshAfterDecision(queryClient, districtId),
  });
}
