import { Alert, Anchor, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import type { Schemas } from '@/api/client';
import { whySearch } from '@/config/paths';
import type { LicensePlan as Plan } from '../api/get-run-plan';

/** For an applied sync: a link to the "why" lookup for this person and license (the lookup explains today's holdings). */
function WhyLink({ person, productId }: { person: Schemas['Person']; productId?: string }) {
  const [params] = useSearchParams();
  if (!person.sourcedId || !productId) return null;
  return (
    <Anchor component={Link} to={{ search: whySearch(person.sourcedId, productId, params), hash: 'license-why' }} size="sm"
      aria-label={`Why ${person.name ?? person.sourcedId} and ${person.sku}?`}>
      Why?
    </Anchor>
  );
}

function People({ people, total, empty, productIds }: { people: Schemas['Person'][]; total: number; empty: string; productIds?: Map<string, string> }) {
  if (people.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Person</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">License</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
            {productIds && (
              <Table.Th scope="col">
                <span className="sr-only">Explain</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((p, i) => (
            <Table.Tr key={`${p.sourcedId}-${p.sku}-${i}`}>
              <Table.Td>
                {p.name}
                <Text size="xs" c="dimmed">
                  {p.sourcedId}
                </Text>
              </Table.Td>
              <Table.Td>{p.role}</Table.Td>
              <Table.Td>{p.sku}</Table.Td>
              <Table.Td>{p.reason}</Table.Td>
              {productIds && (
                <Table.Td>
                  <WhyLink person={p} productId={productIds.get(p.sku ?? '')} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > people.length && (
        <Text size="xs" c="dimmed" mt={4}>
          Showing the first {people.length} of {total}.
        </Text>
      )}
    </>
  );
}

/**
 * Who gains and loses which license, seats needed against seats available, and who would get no seat. For an applied
 * sync (applied=true) the same report says what the sync did, and each person links to the "why" lookup.
 */
export function LicensePlan({ plan, applied = false }: { plan: Plan; applied?: boolean }) {
  const products = plan.products ?? [];
  const unseated = plan.unseatedTotal ?? 0;
  const productIds = applied ? new Map(products.map((p) => [p.sku ?? '', p.productId ?? ''])) : undefined;
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-title">
      <Title order={3} size="h5" id="plan-title">
        {applied ? 'What this sync changed' : 'License plan'}
      </Title>
      {plan.unchangedSince && (
        <Text size="sm" role="status">
          Nothing the licenses depend on changed since an earlier sync (the roster, accounts, terms, course licenses, pools
          and sticky licenses are as they were), so every license {applied ? 'was' : 'would be'} kept as it is.
        </Text>
      )}
      {unseated > 0 && (
        <Alert color="orange" title={`${unseated} people ${applied ? 'got' : 'would get'} no seat`} role="status">
          A product needs more seats than its pools have left. Add seats on the Licenses page, or these people go without.
        </Alert>
      )}
      {products.length === 0 ? (
        <Text size="sm">No course in this import grants a license yet. Map courses to licenses on the Licenses page.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Product</Table.Th>
              <Table.Th scope="col">Seats needed</Table.Th>
              <Table.Th scope="col">Seats available</Table.Th>
              <Table.Th scope="col">Gain</Table.Th>
              <Table.Th scope="col">Lose</Table.Th>
              <Table.Th scope="col">No seat</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.map((p) => (
              <Table.Tr key={p.productId}>
                <Table.Td>
                  {p.title}
                  <Text size="xs" c="dimmed">
                    {p.sku} · {p.edition === 'STUDENT' ? 'Student edition' : 'Teacher edition'}
                  </Text>
                </Table.Td>
                <Table.Td>{p.needed ?? 0}</Table.Td>
                <Table.Td>{p.seatsAvailable ?? 0}</Table.Td>
                <Table.Td>{p.gains ?? 0}</Table.Td>
                <Table.Td>{p.losses ?? 0}</Table.Td>
                <Table.Td>{p.unseated ?? 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Tabs defaultValue="gains">
        <Tabs.List>
          <Tabs.Tab value="gains">Gain a license ({plan.gainsTotal ?? 0})</Tabs.Tab>
          <Tabs.Tab value="losses">Lose a license ({plan.lossesTotal ?? 0})</Tabs.Tab>
          <Tabs.Tab value="unseated">No seat ({unseated})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="gains" pt="sm">
          <People people={plan.gains ?? []} total={plan.gainsTotal ?? 0} empty="Nobody gains a license." productIds={productIds} />
        </Tabs.Panel>
        <Tabs.Panel value="losses" pt="sm">
          <People people={plan.losses ?? []} total={plan.lossesTotal ?? 0} empty="Nobody loses a license." productIds={productIds} />
        </Tabs.Panel>
        <Tabs.Panel value="unseated" pt="sm">
          <People people={plan.unseated ?? []} total={unseated} empty="Everyone who needs a seat gets one." productIds={productIds} />
        </Tabs.Panel>
      </Tabs>
      {plan.allocationOrder && (
        <Text size="xs" c="dimmed">
          When seats run short they go to {plan.allocationOrder}.
        </Text>
      )}
    </Stack>
  );
}
