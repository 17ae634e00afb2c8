import { Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import type { Schemas } from '@/api/client';
import { LoadingState } from '@/components/ui/loading-state';
import { ErrorState } from '@/components/ui/error-state';
import { formatDateTime } from '@/lib/dates';
import { KIND_LABELS } from '@/lib/run-labels';
import { useLatestPlannedRun } from '../api/get-latest-runs';
import { useRunPlan } from '../api/get-run-plan';

type Plan = Schemas['Report'];
/** Run counts are free JSON in the API; the server writes per collection: added, changed, removed, unchanged, total. */
type CollectionCounts = Record<string, { added?: number; changed?: number; removed?: number; unchanged?: number; total?: number }>;

const COLLECTIONS: Record<string, string> = { users: 'people', classes: 'classes', enrollments: 'enrollments', courses: 'courses', orgs: 'schools' };
const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');
const names = (people: Schemas['Person'][] | undefined, total: number | undefined) => {
  const shown = (people ?? []).slice(0, 3).map((p) => p.name ?? p.sourcedId);
  if (shown.length === 0) return '';
  const more = (total ?? 0) - shown.length;
  return ` (${shown.join(', ')}${more > 0 ? ` and ${n(more)} more` : ''})`;
};

/**
 * What going live changes tonight for this district, from its latest import with a license plan: the stored plan
 * summary of the last sync, or the plan of a reviewed import that is not synced yet.
 */
export function TonightPreview({ districtId, districtName, timezone }: { districtId: string; districtName: string; timezone?: string }) {
  const latest = useLatestPlannedRun(districtId, true);
  const run = latest.data;
  const stored = run?.planSummary as unknown as Plan | undefined;
  const needsPlan = Boolean(run && run.status === 'STAGED' && !stored?.products);
  const computed = useRunPlan(districtId, run?.id, needsPlan);

  if (latest.isPending || (needsPlan && computed.isPending)) return <LoadingState label="Working out what changes tonight…" />;
  if (latest.isError) return <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />;
  if (needsPlan && computed.isError) return <ErrorState error={computed.error} onRetry={() => void computed.refetch()} />;
  if (!run) {
    return (
      <Alert color="orange" title="No import to go by yet" role="status">
        Run a Manual Import and review it first, so you can see who gets which license before anything changes.
      </Alert>
    );
  }
  const plan = needsPlan ? computed.data : stored;
  const counts = (run.counts ?? {}) as unknown as CollectionCounts;
  const changed = Object.entries(counts).filter(([k, c]) => COLLECTIONS[k] && ((c.added ?? 0) + (c.changed ?? 0) + (c.removed ?? 0)) > 0);
  const staged = run.status === 'STAGED';
  const when = formatDateTime(run.appliedAt ?? run.createdAt, timezone);

  return (
    <Stack gap="xs" component="section" aria-labelledby="tonight-title">
      <Title order={3} size="h5" id="tonight-title">
        What changes tonight in {districtName}
      </Title>
      <Text size="sm">
        {staged
          ? `From your reviewed ${KIND_LABELS[run.kind ?? 'MANUAL_IMPORT'].toLowerCase()} of ${when}, not synced yet: tonight's first sync makes it live.`
          : `Your last sync (${KIND_LABELS[run.kind ?? 'SYNC_LICENSES'].toLowerCase()}, applied ${when}) is what is live now; tonight's sync keeps it in step with your SIS. It did:`}
      </Text>
      {plan ? (
        <>
          <List size="sm" spacing={2}>
            <List.Item>
              {n(plan.gainsTotal)} {plan.gainsTotal === 1 ? 'person gains' : 'people gain'} a license{names(plan.gains, plan.gainsTotal)}
            </List.Item>
            <List.Item>
              {n(plan.lossesTotal)} {plan.lossesTotal === 1 ? 'person loses' : 'people lose'} a license{names(plan.losses, plan.lossesTotal)}
            </List.Item>
            {(plan.unseatedTotal ?? 0) > 0 && (
              <List.Item>
                {n(plan.unseatedTotal)} {plan.unseatedTotal === 1 ? 'person gets' : 'people get'} no seat: a pool is full{names(plan.unseated, plan.unseatedTotal)}
              </List.Item>
            )}
          </List>
          {(plan.products ?? []).length > 0 && (
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">License</Table.Th>
                  <Table.Th scope="col">Seats needed</Table.Th>
                  <Table.Th scope="col">Seats available</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(plan.products ?? []).map((p) => (
                  <Table.Tr key={p.productId}>
                    <Table.Td>{p.title}</Table.Td>
                    <Table.Td>{n(p.needed)}</Table.Td>
                    <Table.Td>{n(p.seatsAvailable)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      ) : (
        <Text size="sm">The license plan of this run is not available.</Text>
      )}
      {changed.length > 0 && (
        <Text size="sm">
          Roster changes {staged ? 'it brings' : 'it brought'}:{' '}
          {changed
            .map(([k, c]) => `${n(c.added)} ${COLLECTIONS[k]} added, ${n(c.changed)} changed, ${n(c.removed)} removed`)
            .join('; ')}
          .
        </Text>
      )}
    </Stack>
  );
}
