import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type LicenseWhy = ApiResponse<'/api/v1/districts/{districtId}/users/{userId}/licenses/{productId}/why'>;

/**
 * Why this person holds this license today: the chain enrollment -> class -> course mapping -> term dates -> pool and
 * seats -> assignment, or the first link that is missing. userId is a Rosterline account id or a rostered sourcedId.
 */
export const getLicenseWhy = (districtId: string, userId: string, productId: string) =>
  unwrap(
    api.GET('/api/v1/districts/{districtId}/users/{userId}/licenses/{productId}/why', {
      params: { path: { districtId, userId, productId } },
    }),
  );

export const getLicenseWhyQueryOptions = (districtId: string, userId: string, productId: string) =>
  queryOptions({
    queryKey: ['license-why', districtId, userId, productId],
    queryFn: () => getLicenseWhy(districtId, userId, productId),
    // An answer is about today's assignments: ask again whenever the admin asks again.
    staleTime: 0,
  });

export const useLicenseWhy = (districtId: string, userId: string, productId: string) =>
  useQuery({ ...getLicenseWhyQueryOptions(districtId, userId, productId), enabled: Boolean(userId && productId) });
