import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type SsoFormat = ApiResponse<'/api/v1/districts/{districtId}/sso-format'>;

/** How the district's single sign-on names people; shown as hints when an account is entered by hand. */
export const getSsoFormat = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/sso-format', { params: { path: { districtId } } }));

export const getSsoFormatQueryOptions = (districtId: string) =>
  queryOptions({ queryKey: ['sso-format', districtId], queryFn: () => getSsoFormat(districtId) });

export const useSsoFormat = (districtId: string) => useQuery(getSsoFormatQueryOptions(districtId));
