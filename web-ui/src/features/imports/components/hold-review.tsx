import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useApproveRun } from '../api/approve-run';
import { useDiscardRun } from '../api/discard-run';
import { useRunHold } from '../api/get-run-hold';
import type { HoldFinding, Run } from '../api/types';

const percent = (f: HoldFinding) => (f.percent != null ? `${Number(f.percent).toLocaleString('en-US', { maximumFractionDigits: 1 })} %` : '—');

/**
 * A sync held by the safety gate (it would have removed an unusual share of a school's or the district's records):
 * why, in plain words per school, and the admin's two choices. Approve applies it as it is; discard drops its
 * removals for good. A decided hold says who decided and when.
 */
export function HoldReview({ districtId, run, timezone }: { districtId: string; run: Run; timezone?: string }) {
  const held = run.status === 'HELD';
  // Only held runs have a hold; a discarded run always was one.
  const hold = useRunHold(districtId, run.id!, run.status, held || run.status === 'DISCARDED');
  const approve = useApproveRun();
  const discard = useDiscardRun();
  const [confirm, setConfirm] = useState<'approve' | 'discard' | null>(null);
  const close = () => setConfirm(null);

  const decide = () => {
    const args = { districtId, runId: run.id! };
    if (confirm === 'approve') {
      approve.mutate(args, {
        onSuccess: () => {
          close();
          notifySaved('Approved: the held sync was applied as it was.');
        },
        onError: (e) => {
          close();
          notifyFailed('Approving the sync', e);
        },
      });
    } else {
      discard.mutate(args, {
        onSuccess: () => {
          close();
          notifySaved('Discarded: the held removals will never be applied.');
        },
        onError: (e) => {
          close();
          notifyFailed('Discarding the sync', e);
        },
      });
    }
  };

  if (!held && run.status !== 'DISCARDED') return null;
  return (
    <QueryState query={hold} loadingLabel="Loading why the sync was held…">
      {(h) => (
        <Stack gap="sm" component="section" aria-labelledby="hold-title">
          <Title order={3} size="h5" id="hold-title">
            {held ? 'Why this sync was held' : 'This sync was held'}
          </Title>
          {held ? (
            <Alert color="orange" title="Held for your review" role="status">
              <Text size="sm">{h.reason}</Text>
              <Text size="sm" mt={4}>
                {h.additionsApplied
                  ? 'New licenses from this sync were given already; only its removals wait for your decision.'
                  : 'Nothing from this sync was applied yet.'}{' '}
                Held {formatDateTime(h.heldAt, timezone)}.
              </Text>
            </Alert>
          ) : (
            <Text size="sm">
              {h.reason} {h.decision ? `${h.decision === 'DISCARDED' ? 'Discarded' : 'Approved'} by ${h.decidedBy} ${formatDateTime(h.decidedAt, timezone)}.` : ''}
            </Text>
          )}
          {h.findings.length > 0 && (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Where</Table.Th>
                  <Table.Th scope="col">Records</Table.Th>
                  <Table.Th scope="col">Would be removed</Table.Th>
                  <Table.Th scope="col">Share</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.findings.map((f, i) => (
                  <Table.Tr key={`${f.scope}-${f.recordType}-${i}`}>
                    <Table.Td>{f.scopeName ?? f.scope}</Table.Td>
                    <Table.Td>{f.recordType}</Table.Td>
                    <Table.Td>
                      {(f.lost ?? 0).toLocaleString('en-US')} of {(f.total ?? 0).toLocaleString('en-US')}
                    </Table.Td>
                    <Table.Td>{percent(f)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {held && (
            <>
              <Text size="sm">
                If the SIS really changed this much (a school closed, a new term), approve. If it looks like an export went wrong, discard it and
                fix the SIS: the next sync reads it again.
              </Text>
              <Group>
                <Button color="red.9" onClick={() => setConfirm('approve')}>
                  Approve and apply…
                </Button>
                <Button variant="default" onClick={() => setConfirm('discard')}>
                  Discard…
                </Button>
              </Group>
            </>
          )}
          <Modal
            opened={confirm !== null}
            onClose={close}
            title={confirm === 'approve' ? 'Apply the held sync as it is?' : 'Discard the held sync?'}
          >
            <Stack gap="sm">
              <Text size="sm">
                {confirm === 'approve'
                  ? `Everything it would change is applied now, the removals included: ${h.reason}`
                  : 'Its removals are never applied. Licenses stay as they are now; the next sync reads your SIS again.'}
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button color={confirm === 'approve' ? 'orange' : undefined} loading={approve.isPending || discard.isPending} onClick={decide}>
                  {confirm === 'approve' ? 'Yes, apply it' : 'Yes, discard it'}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </Stack>
      )}
    </QueryState>
  );
}
