import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type AccountReview = NonNullable<ApiResponse<'/api/v1/districts/{districtId}/account-reviews'>['items']>[number];

/**
 * The open uncertain account matches (several candidates, a candidate bound to someone else, a re-issued sourcedId),
 * newest first, paged on the server. Each person waits without an account, and so without licenses, until decided.
 */
export const getAccountReviews = (districtId: string, page: number, size: number) =>
  unwrap(
    api.GET('/api/v1/districts/{districtId}/account-reviews', {
      params: { path: { districtId }, query: { page, size, status: 'OPEN' } },
    }),
  );

export const getAccountReviewsQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['account-reviews', districtId, { page, size }],
    queryFn: () => getAccountReviews(districtId, page, size),
    placeholderData: keepPreviousData,
  });

export const useAccountReviews = (districtId: string, page: number, size: number) =>
  useQuery(getAccountReviewsQueryOptions(districtId, page, size));
