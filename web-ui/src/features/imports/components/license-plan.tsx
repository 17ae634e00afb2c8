import { Alert, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { Schemas } from '@/api/client';
import type { LicensePlan as Plan } from '../api/get-run-plan';

function People({ people, total, empty }: { people: Schemas['Person'][]; total: number; empty: string }) {
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

/** Who gains and loses which license, seats needed against seats available, and who would get no seat. */
export function LicensePlan({ plan }: { plan: Plan }) {
  const products = plan.products ?? [];
  const unseated = plan.unseatedTotal ?? 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-title">
      <Title order={3} size="h5" id="plan-title">
        License plan
      </Title>
      {unseated > 0 && (
        <Alert color="orange" title={`${unseated} people would get no seat`} role="status">
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
          <People people={plan.gains ?? []} total={plan.gainsTotal ?? 0} empty="Nobody gains a license." />
        </Tabs.Panel>
        <Tabs.Panel value="losses" pt="sm">
          <People people={plan.losses ?? []} total={plan.lossesTotal ?? 0} empty="Nobody loses a license." />
        </Tabs.Panel>
        <Tabs.Panel value="unseated" pt="sm">
          <People people={plan.unseated ?? []} total={unseated} empty="Everyone who needs a seat gets one." />
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
