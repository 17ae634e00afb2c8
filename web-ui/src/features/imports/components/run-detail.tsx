import { Alert, Badge, Button, Group, List, Modal, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useApplyRun } from '../api/apply-run';
import { useRun } from '../api/get-run';
import { useRunPlan, type LicensePlan as Plan } from '../api/get-run-plan';
import { useStagedCounts } from '../api/get-staged-counts';
import { hasPlan, hasStaged, isActive, type Run } from '../api/types';
import { HoldReview } from './hold-review';
import { LicensePlan } from './license-plan';
import { MarkReviewed } from './mark-reviewed';
import { RunClasses } from './run-classes';
import { SourceCheckReview } from './source-check-review';
import { KIND_LABELS, statusOf } from '@/lib/run-labels';

const COLLECTIONS: Record<string, string> = {
  orgs: 'Schools',
  academicSessions: 'Terms',
  courses: 'Courses',
  classes: 'Classes',
  users: 'People',
  enrollments: 'Enrollments',
  demographics: 'Demographics',
};

/** One run: live progress while it runs (polled, no refresh needed), then what it staged, the license plan and Sync Licenses. */
export function RunDetail({
  districtId,
  runId,
  timezone,
  canEdit = false,
  onShowRun,
}: {
  districtId: string;
  runId: string;
  timezone?: string;
  /** District admins and support act on the run; integrators read it (the API's role policy). */
  canEdit?: boolean;
  onShowRun: (runId: string) => void;
}) {
  const run = useRun(districtId, runId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="run-title">
      <QueryState query={run} loadingLabel="Loading the import…">
        {(r) => <RunView districtId={districtId} run={r} timezone={timezone} canEdit={canEdit} onShowRun={onShowRun} />}
      </QueryState>
    </Paper>
  );
}

function RunView({
  districtId,
  run,
  timezone,
  canEdit,
  onShowRun,
}: {
  districtId: string;
  run: Run;
  timezone?: string;
  canEdit: boolean;
  onShowRun: (runId: string) => void;
}) {
  const runId = run.id!;
  const status = statusOf(run.status);
  const staged = hasStaged(run.status);
  const counts = useStagedCounts(districtId, runId, run.status, staged);
  const plan = useRunPlan(districtId, runId, run.status, hasPlan(run.status));
  const apply = useApplyRun();
  const [confirming, { open, close }] = useDisclosure(false);
  const progress = run.progress;
  const percent = progress?.total ? Math.min(100, ((progress.done ?? 0) / progress.total) * 100) : undefined;

  const syncLicenses = () =>
    apply.mutate(
      { districtId, runId },
      {
        onSuccess: () => {
          close();
          notifySaved('Licenses synced: the roster and the license assignments are now live.');
        },
        onError: (e) => {
          close();
          notifyFailed('Syncing licenses', e);
        },
      },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h4" id="run-title">
            {KIND_LABELS[run.kind ?? 'MANUAL_IMPORT']} of {formatDateTime(run.createdAt, timezone)}
          </Title>
          <Text size="sm" c="dimmed">
            Requested by {run.requestedBy ?? run.trigger}
            {run.durationSeconds != null ? ` · took ${Math.round(run.durationSeconds)} s` : ''}
          </Text>
        </div>
        <Badge size="lg" variant="light" color={status.color}>
          {status.label}
        </Badge>
      </Group>

      {isActive(run.status) && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">
            {run.status === 'QUEUED'
              ? 'Waiting for a worker to pick up the import…'
              : progress?.text ?? (progress?.phase ? `Reading ${progress.phase}…` : 'Reading from your SIS…')}
          </Text>
          <Progress value={percent ?? 100} animated striped aria-label="Import progress" />
          <Text size="xs" c="dimmed">
            This page updates by itself.
          </Text>
        </Stack>
      )}

      {/* A run the source checks stopped is explained, with its way out, by SourceCheckReview instead. */}
      {run.status === 'FAILED' && !run.sourceCheck && (
        <Alert color="red" title="The import failed" role="alert">
          {run.error ?? 'Rosterline could not finish reading your SIS.'} Fix the cause, then start a new import.
        </Alert>
      )}
      {run.status === 'SUPERSEDED' && (
        <Alert color="gray" title="Superseded">
          A later run was applied first, so this one can no longer be synced. Start a new import to review current data.
        </Alert>
      )}
      {run.status === 'APPLIED' && (
        <Alert color="green" title="Licenses synced">
          Applied {formatDateTime(run.appliedAt, timezone)}.
        </Alert>
      )}
      {run.status === 'DISCARDED' && (
        <Alert color="gray" title="Discarded">
          {run.error ?? 'This sync was discarded; its removals were never applied.'}
        </Alert>
      )}
      {run.status === 'SHADOWED' && (
        <Alert color="gray" title="Dry run">
          A nightly dry run while the district is still setting up: it shows what a sync would do and changes nothing.
        </Alert>
      )}
      {/* A dry run's staged rows are dropped once it is planned (GET .../plan answers 409): its plan is the one it stored. */}
      {run.status === 'SHADOWED' && run.planSummary && <LicensePlan plan={run.planSummary as unknown as Plan} />}

      <SourceCheckReview districtId={districtId} run={run} canEdit={canEdit} timezone={timezone} onImportStarted={onShowRun} />

      <HoldReview districtId={districtId} run={run} timezone={timezone} />

      {staged && (
        <QueryState query={counts} loadingLabel="Loading what changed…">
          {(c) => (
            <Stack gap="xs" component="section" aria-labelledby="staged-title">
              <Title order={3} size="h5" id="staged-title">
                What the import changes
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Records</Table.Th>
                    <Table.Th scope="col">Added</Table.Th>
                    <Table.Th scope="col">Changed</Table.Th>
                    <Table.Th scope="col">Removed</Table.Th>
                    <Table.Th scope="col">Unchanged</Table.Th>
                    <Table.Th scope="col">Total after</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {Object.entries(c.counts).map(([collection, n]) => (
                    <Table.Tr key={collection}>
                      <Table.Td>{COLLECTIONS[collection] ?? collection}</Table.Td>
                      <Table.Td>{n.added ?? 0}</Table.Td>
                      <Table.Td>{n.changed ?? 0}</Table.Td>
                      <Table.Td>{n.removed ?? 0}</Table.Td>
                      <Table.Td>{n.unchanged ?? 0}</Table.Td>
                      <Table.Td>{n.total ?? 0}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </QueryState>
      )}

      {staged && <RunClasses districtId={districtId} runId={runId} />}

      {run.status === 'APPLIED' && (
        <QueryState query={plan} loadingLabel="Loading what the sync changed…">
          {(p) => <LicensePlan plan={p} applied />}
        </QueryState>
      )}

      {run.status === 'STAGED' && (
        <QueryState query={plan} loadingLabel="Working out the license plan…">
          {(p) => (
            <>
              <LicensePlan plan={p} />
              <MarkReviewed districtId={districtId} run={run} timezone={timezone} />
              <Group>
                <Button onClick={open}>Sync Licenses</Button>
              </Group>
              <Modal opened={confirming} onClose={close} title="Sync licenses now?">
                <Stack gap="sm">
                  <Text size="sm">
                    {run.kind === 'RESTORE'
                      ? 'This puts the license assignments back as the earlier sync left them, right away:'
                      : 'This makes the imported roster live and changes licenses right away:'}
                  </Text>
                  <List size="sm">
                    <List.Item>{p.gainsTotal ?? 0} licenses given</List.Item>
                    <List.Item>{p.lossesTotal ?? 0} licenses taken away</List.Item>
                    {(p.unseatedTotal ?? 0) > 0 && <List.Item>{p.unseatedTotal} people get no seat</List.Item>}
                  </List>
                  <Text size="sm">Sticky and manual licenses are kept.</Text>
                  <Group justify="flex-end">
                    <Button variant="default" onClick={close}>
                      Cancel
                    </Button>
                    <Button loading={apply.isPending} onClick={syncLicenses}>
                      Yes, sync licenses
                    </Button>
                  </Group>
                </Stack>
              </Modal>
            </>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
