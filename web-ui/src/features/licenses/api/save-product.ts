import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { ApiBody } from '@/api/types';

export type ProductWrite = ApiBody<'/api/v1/products', 'post'>;

/** Support staff only. Creating answers 201 with the product, which the API does not declare, hence the cast. */
export const saveProduct = ({ productId, body }: { productId?: string; body: ProductWrite }) =>
  productId
    ? unwrap(api.PUT('/api/v1/products/{productId}', { params: { path: { productId } }, body }))
    : (unwrap(api.POST('/api/v1/products', { body })) as Promise<Schemas['Product']>);

export function useSaveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveProduct,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
