import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type Readiness = ApiResponse<'/api/v1/districts/{districtId}/readiness'>;
export type Finding = NonNullable<Readiness['findings']>[number];
export type FindingRecord = NonNullable<Finding['records']>[number];

/**
 * The readiness review: findings over the roster as the latest staged or held import leaves it (else the current
 * roster) and the accounts Rosterline already has, each with the records concerned and a suggested fix.
 */
export const getReadiness = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/readiness', { params: { path: { districtId } } }));

export const getReadinessQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['readiness', districtId], queryFn: () => getReadiness(districtId) });

export const useReadiness = (districtId: string) => useQuery(getReadinessQueryOptions(districtId));
