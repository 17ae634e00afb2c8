import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

/** The active products of the catalogue, to pick the license a question is about (same cache entry as the licenses screen's). */
export const getProducts = () => unwrap(api.GET('/api/v1/products', { params: { query: { includeInactive: false } } }));

export const getProductsQueryOptions = () => queryOptions({ queryKey: ['products', { includeInactive: false }], queryFn: getProducts });

export const useProducts = () => useQuery(getProductsQueryOptions());
