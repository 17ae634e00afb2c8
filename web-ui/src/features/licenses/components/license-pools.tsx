import { Badge, Button, Group, Modal, NumberInput, Paper, Progress, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { calendarAriaLabels } from '@/components/ui/calendar-labels';
import { formatDate } from '@/lib/dates';
import { fieldErrorsFor } from '@/lib/form-errors';
import { useDeleteLicensePool } from '../api/delete-license-pool';
import { useLicensePools, type LicensePool } from '../api/get-license-pools';
import { useProducts, type Product } from '../api/get-products';
import { useSaveLicensePool, type LicensePoolWrite } from '../api/save-license-pool';

export const EDITIONS = { TEACHER: 'Teacher edition', STUDENT: 'Student edition' } as const;

/** Seats the district bought, per product: used / remaining and whether the dates cover today. */
export function LicensePools({ districtId }: { districtId: string }) {
  const pools = useLicensePools(districtId);
  const products = useProducts();
  const remove = useDeleteLicensePool();
  const [editing, setEditing] = useState<LicensePool | 'new' | null>(null);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pools-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="pools-title">
            License pools
          </Title>
          <Button size="xs" onClick={() => setEditing('new')}>
            Add a license pool
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Rostered pools are filled by the sync from the course mapping below; manual pools only hold licenses you give by hand.
        </Text>
        <QueryState query={pools} loadingLabel="Loading license pools…">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">No license pools yet. Add one for each product the district bought.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Product</Table.Th>
                    <Table.Th scope="col">Seats</Table.Th>
                    <Table.Th scope="col">Dates</Table.Th>
                    <Table.Th scope="col">Mode</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((p) => {
                    const seats = p.seats ?? 0;
                    const used = p.seatsUsed ?? 0;
                    return (
                      <Table.Tr key={p.id}>
                        <Table.Td>
                          <Text size="sm">{p.productTitle}</Text>
                          <Text size="xs" c="dimmed">
                            {p.productSku} · {EDITIONS[p.edition ?? 'TEACHER']}
                            {p.purchaseOrder ? ` · ${p.purchaseOrder}` : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td miw={160}>
                          <Text size="sm">
                            {used} of {seats} used, {p.seatsRemaining ?? 0} left
                          </Text>
                          <Progress
                            value={seats === 0 ? 100 : Math.min(100, (used / seats) * 100)}
                            color={(p.seatsRemaining ?? 0) === 0 ? 'red' : 'blue'}
                            size="sm"
                            aria-label={`${p.productTitle}: ${used} of ${seats} seats used`}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {formatDate(p.startDate)} – {formatDate(p.endDate)}
                          </Text>
                          <Badge size="sm" variant="light" color={p.coversToday ? 'green' : 'orange'}>
                            {p.coversToday ? 'Covers today' : 'Not valid today'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{p.mode === 'MANUAL' ? 'Manual' : 'Rostered'}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-xs" variant="default" aria-label={`Edit the pool for ${p.productTitle}`} onClick={() => setEditing(p)}>
                              Edit
                            </Button>
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              aria-label={`Delete the pool for ${p.productTitle}`}
                              loading={remove.isPending && remove.variables?.poolId === p.id}
                              onClick={() =>
                                remove.mutate(
                                  { districtId, poolId: p.id! },
                                  { onSuccess: () => notifySaved(`Pool for ${p.productTitle} deleted.`), onError: (e) => notifyFailed('Deleting the pool', e) },
                                )
                              }
                            >
                              Delete
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a license pool' : 'Edit the license pool'}>
        {editing !== null && (
          <PoolForm districtId={districtId} pool={editing === 'new' ? undefined : editing} products={products.data ?? []} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Paper>
  );
}

function PoolForm({ districtId, pool, products, onDone }: { districtId: string; pool?: LicensePool; products: Product[]; onDone: () => void }) {
  const save = useSaveLicensePool();
  const [productId, setProductId] = useState<string | null>(pool?.productId ?? null);
  const [seats, setSeats] = useState<number | string>(pool?.seats ?? '');
  const [startDate, setStartDate] = useState<string | null>(pool?.startDate ?? null);
  const [endDate, setEndDate] = useState<string | null>(pool?.endDate ?? null);
  const [purchaseOrder, setPurchaseOrder] = useState(pool?.purchaseOrder ?? '');
  const [mode, setMode] = useState<LicensePoolWrite['mode']>(pool?.mode ?? 'ROSTERED');
  const errors = fieldErrorsFor(save.error, ['productId', 'seats', 'startDate', 'endDate', 'purchaseOrder', 'mode']);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        districtId,
        poolId: pool?.id,
        // Empty fields go as null so the API names each missing one in plain words.
        body: {
          productId: productId as string,
          seats: (seats === '' ? null : Number(seats)) as number,
          startDate: startDate as string,
          endDate: endDate as string,
          purchaseOrder: purchaseOrder.trim() || undefined,
          mode,
        },
      },
      {
        onSuccess: (p) => {
          notifySaved(`Pool for ${p.productTitle ?? 'the product'} saved: ${p.seats ?? 0} ${p.seats === 1 ? 'seat' : 'seats'}.`);
          onDone();
        },
        onError: (err) => notifyFailed('Saving the pool', err),
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label="Product"
          placeholder="Choose a product"
          data={products.map((p) => ({ value: p.id!, label: `${p.title} (${p.sku}, ${EDITIONS[p.edition ?? 'TEACHER']})` }))}
          value={productId}
          onChange={setProductId}
          searchable
          error={errors.productId}
        />
        <NumberInput label="Seats" min={0} value={seats} onChange={setSeats} error={errors.seats} />
        <Group grow>
          <DateInput label="First day" valueFormat="MMM D, YYYY" value={startDate} onChange={setStartDate} error={errors.startDate} ariaLabels={calendarAriaLabels} />
          <DateInput label="Last day" valueFormat="MMM D, YYYY" value={endDate} onChange={setEndDate} error={errors.endDate} ariaLabels={calendarAriaLabels} />
        </Group>
        <TextInput label="Purchase order (optional)" value={purchaseOrder} onChange={(e) => setPurchaseOrder(e.currentTarget.value)} error={errors.purchaseOrder} />
        <div>
          <Text size="sm" fw={500} id="pool-mode-label">
            Filled by
          </Text>
          <SegmentedControl
            aria-labelledby="pool-mode-label"
            value={mode}
            onChange={(v) => setMode(v as LicensePoolWrite['mode'])}
            data={[
              { value: 'ROSTERED', label: 'The nightly sync (rostered)' },
              { value: 'MANUAL', label: 'Hand only (manual)' },
            ]}
          />
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save pool
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
