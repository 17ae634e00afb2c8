import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';

export type Product = Schemas['Product'];

/** The publisher's catalogue; includeInactive adds retired products (support staff edit them). */
export const getProducts = (includeInactive: boolean) =>
  unwrap(api.GET('/api/v1/products', { params: { query: { includeInactive } } }));

export const getProductsQueryOptions = (includeInactive = false) =>
  queryOptions({ queryKey: ['products', { includeInactive }], queryFn: () => getProducts(includeInactive) });

export const useProducts = (includeInactive = false) => useQuery(getProductsQueryOptions(includeInactive));
