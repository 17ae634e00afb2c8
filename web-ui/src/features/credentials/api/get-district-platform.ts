import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The district's platform decides which form this step shows (API details or SFTP uploads). */
export const getDistrictPlatform = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}', { params: { path: { districtId } } }));

export const getDistrictPlatformQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['districts', 'detail', districtId], queryFn: () => getDistrictPlatform(districtId) });

export const useDistrictPlatform = (districtId: string) => useQuery(getDistrictPlatformQueryOptions(districtId));
