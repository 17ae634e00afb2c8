import { Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { fieldErrorsFor } from '@/lib/form-errors';
import { useProducts, type Product } from '../api/get-products';
import { useSaveProduct, type ProductWrite } from '../api/save-product';
import { EDITIONS } from './license-pools';

/** The publisher's products. Support staff create and edit them; district admins read. */
export function ProductCatalogue({ canEdit }: { canEdit: boolean }) {
  const products = useProducts(canEdit);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="catalogue-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="catalogue-title">
            Product catalogue
          </Title>
          {canEdit && (
            <Button size="xs" onClick={() => setEditing('new')}>
              Add a product
            </Button>
          )}
        </Group>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            Rosterline support maintains the catalogue. Ask them if a product is missing.
          </Text>
        )}
        <QueryState query={products} loadingLabel="Loading products…">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">No products in the catalogue yet.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Product</Table.Th>
                    <Table.Th scope="col">SKU</Table.Th>
                    <Table.Th scope="col">Edition</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    {canEdit && (
                      <Table.Th scope="col">
                        <span className="sr-only">Edit</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>{p.title}</Table.Td>
                      <Table.Td>
                        <code>{p.sku}</code>
                      </Table.Td>
                      <Table.Td>{EDITIONS[p.edition ?? 'TEACHER']}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={p.active ? 'green' : 'gray'}>
                          {p.active ? 'Active' : 'Retired'}
                        </Badge>
                      </Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <Button size="compact-xs" variant="default" aria-label={`Edit ${p.title}`} onClick={() => setEditing(p)}>
                            Edit
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a product' : 'Edit the product'}>
        {editing !== null && <ProductForm product={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Paper>
  );
}

function ProductForm({ product, onDone }: { product?: Product; onDone: () => void }) {
  const save = useSaveProduct();
  const [sku, setSku] = useState(product?.sku ?? '');
  const [title, setTitle] = useState(product?.title ?? '');
  const [edition, setEdition] = useState<ProductWrite['edition']>(product?.edition ?? 'TEACHER');
  const [active, setActive] = useState(product?.active ?? true);
  const errors = fieldErrorsFor(save.error, ['sku', 'title', 'edition']);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { productId: product?.id, body: { sku: sku.trim(), title: title.trim(), edition, active } },
      {
        onSuccess: (p) => {
          notifySaved(`${p.title} saved.`);
          onDone();
        },
        onError: (err) => notifyFailed('Saving the product', err),
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label="SKU" placeholder="MATH-ALG1-TE" value={sku} onChange={(e) => setSku(e.currentTarget.value)} error={errors.sku} />
        <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        <Select
          label="Edition"
          data={[
            { value: 'TEACHER', label: EDITIONS.TEACHER },
            { value: 'STUDENT', label: EDITIONS.STUDENT },
          ]}
          value={edition}
          onChange={(v) => v && setEdition(v as ProductWrite['edition'])}
          allowDeselect={false}
          error={errors.edition}
        />
        <Checkbox label="Active (can be licensed)" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save product
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
