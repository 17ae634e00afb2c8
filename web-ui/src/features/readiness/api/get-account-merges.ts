import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The account links and merges made from the review, newest first, paged on the server. */
export const getAccountMerges = (districtId: string, page: number, size: number) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/account-merges', { params: { path: { districtId }, query: { page, size } } }));

export const getAccountMergesQueryOptions = (districtId: string, page: number, size: number) =>
  queryOptions({
    queryKey: ['account-merges', districtId, { page, size }],
    queryFn: () => getAccountMerges(districtId, page, size),
    placeholderData: keepPreviousData,
  });

export const useAccountMerges = (districtId: string, page: number, size: number) => useQuery(getAccountMergesQueryOptions(districtId, page, size));
