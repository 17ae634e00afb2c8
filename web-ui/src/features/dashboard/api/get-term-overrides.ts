import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The terms, for the dashboard's list of terms with an override start or freeze end. */
export const getTerms = (districtId: string) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/terms', { params: { path: { districtId } } }));

export const getTermOverridesQueryOptions = (districtId: string) =>
  queryOptions({
    queryKey: ['terms', districtId],
    queryFn: () => getTerms(districtId),
    select: (terms) => terms.filter((t) => t.overrideStart || t.freezeEnd),
  });

export const useTermOverrides = (districtId: string) => useQuery(getTermOverridesQueryOptions(districtId));
