import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ApiResponse } from './types';

export type Me = ApiResponse<'/api/v1/me'>;

/** Who is signed in, as roster-api sees it (roles and district grants): the UI's source of truth for what to offer. */
export const getMe = () => unwrap(api.GET('/api/v1/me'));

export const getMeQueryOptions = () => queryOptions({ queryKey: ['me'], queryFn: getMe, staleTime: 5 * 60_000 });

export const useMe = () => useQuery(getMeQueryOptions());

/** District admins and support staff change a district's settings; integrators only read them (the API's role policy). */
export const canAdministerDistrict = (me: Me | undefined) => (me?.support ?? false) || (me?.roles ?? []).includes('district-admin');
