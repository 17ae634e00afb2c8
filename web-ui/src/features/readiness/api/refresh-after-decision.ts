import type { QueryClient } from '@tanstack/react-query';

/**
 * After a decision: the queue, the readiness findings (the person now has an account), the link history (an accept
 * is a link) and the checklist all change.
 */
export const refreshAfterDecision = (queryClient: QueryClient, districtId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['account-reviews', districtId] }),
    queryClient.invalidateQueries({ queryKey: ['readiness', districtId] }),
    queryClient.invalidateQueries({ queryKey: ['account-merges', districtId] }),
    queryClient.invalidateQueries({ queryKey: ['checklist', districtId] }),
  ]);
