import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The sticky licenses, for their count on the dashboard. */
export const getStickyLicenses = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/sticky-licenses', { params: { path: { districtId } } }));

export const getStickyCountQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['sticky-licenses', districtId], queryFn: () => getStickyLicenses(districtId), select: (list) => list.length });

export const useStickyCount = (districtId: string) => useQuery(getStickyCountQueryOptions(districtId));
