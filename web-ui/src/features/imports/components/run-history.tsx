import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { KIND_LABELS, statusOf } from '@/lib/run-labels';
import { useRuns } from '../api/get-runs';
import { useRestoreRun } from '../api/restore-run';
import type { CollectionCounts, Run } from '../api/types';
import { explainChanges } from './source-check-review';

const PAGE_SIZE = 10;

/**
 * Every run, newest first; View opens it above, RESYNC re-reads everything from the SIS and applies, and Restore puts
 * the license assignments back as an applied sync left them (after reviewing the restore's plan above).
 */
export function RunHistory({
  districtId,
  timezone,
  selectedRunId,
  onView,
  onResync,
  resyncing,
}: {
  districtId: string;
  timezone?: string;
  selectedRunId?: string;
  onView: (runId: string) => void;
  onResync: () => void;
  resyncing: boolean;
}) {
  const [page, setPage] = useState(0);
  const runs = useRuns(districtId, page, PAGE_SIZE);
  const restore = useRestoreRun();
  const [restoring, setRestoring] = useState<{ run: Run; when: string } | null>(null);
  const close = () => setRestoring(null);
  const confirmRestore = () =>
    restoring &&
    restore.mutate(
      { districtId, runId: restoring.run.id! },
      {
        onSuccess: (created) => {
          close();
          notifySaved('Restore prepared: review what it puts back, then press Sync Licenses.');
          if (created.id) onView(created.id);
        },
        onError: (e) => {
          close();
          notifyFailed('Preparing the restore', e);
        },
      },
    );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="history-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="history-title">
          History
        </Title>
        <Button size="xs" variant="default" loading={resyncing} onClick={onResync}>
          RESYNC
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        RESYNC reads every record from your SIS again (not just the changes) and syncs the licenses, for when the current roster is in doubt.
      </Text>
      <QueryState query={runs} loadingLabel="Loading the history…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <EmptyState title="No imports yet" message="Start a Manual Import to see what Rosterline would read from your SIS." />
          ) : (
            <Stack gap={0}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Started</Table.Th>
                    <Table.Th scope="col">Kind</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Changes</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">View</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((r) => {
                    const counts = (r.counts ?? {}) as unknown as CollectionCounts;
                    const changes = Object.values(counts).reduce((n, c) => n + (c.added ?? 0) + (c.changed ?? 0) + (c.removed ?? 0), 0);
                    const when = formatDateTime(r.createdAt, timezone);
                    return (
                      <Table.Tr key={r.id} aria-current={r.id === selectedRunId ? 'true' : undefined}>
                        <Table.Td>
                          <Text size="sm">{when}</Text>
                          <Text size="xs" c="dimmed">
                            by {r.requestedBy ?? r.trigger}
                            {r.durationSeconds != null ? ` · ${Math.round(r.durationSeconds)} s` : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>{KIND_LABELS[r.kind ?? 'MANUAL_IMPORT']}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={statusOf(r.status).color}>
                            {statusOf(r.status).label}
                          </Badge>
                          {/* A run the source checks stopped says so plainly; its detail and way out are in the run's view. */}
                          {r.sourceCheck ? (
                            <Text size="xs" c="red" maw={320}>
                              Stopped: {explainChanges(r.sourceCheck.changes ?? []).join(' ')}
                              {r.sourceCheck.accepted ? ' The change was accepted.' : ''}
                            </Text>
                          ) : (
                            r.error && (
                              <Text size="xs" c="red" maw={320}>
                                {r.error}
                              </Text>
                            )
                          )}
                        </Table.Td>
                        <Table.Td>{r.counts ? `${changes} records` : '—'}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-xs" variant="default" aria-label={`View the run of ${when}`} onClick={() => onView(r.id!)}>
                              View
                            </Button>
                            {r.status === 'APPLIED' && (
                              <Button size="compact-xs" variant="subtle" aria-label={`Restore the licenses of ${when}`} onClick={() => setRestoring({ run: r, when })}>
                                Restore…
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="runs" />
            </Stack>
          )
        }
      </QueryState>
      <Modal opened={restoring !== null} onClose={close} title="Restore the licenses of this sync?">
        <Stack gap="sm">
          <Text size="sm">
            Rosterline prepares a restore that gives back exactly the rostered licenses the sync of {restoring?.when} left, and shows you
            its plan first. Nothing changes until you press Sync Licenses on it. Sticky and manual licenses are not touched.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button loading={restore.isPending} onClick={confirmRestore}>
              Prepare the restore
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
