import { Alert, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import type { Schemas } from '@/api/client';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { formatDateTime } from '@/lib/dates';
import { ApiError } from '@/lib/problem';
import { useAcceptSourceChange } from '../api/accept-source-change';
import { useRequestRun } from '../api/request-run';
import type { Run } from '../api/types';

type Change = Schemas['SourceCheckChange'];

/** One plain line per kind of change, for admins who never saw the export's file: the server's sentences follow as details. */
export function explainChanges(changes: Change[]): string[] {
  const lines: string[] = [];
  const columns = changes.filter((c) => c.check === 'COLUMNS').map((c) => c.column ?? 'a column');
  if (columns.length > 0) {
    lines.push(`Your SIS export's columns changed: ${columns.join(', ')} ${columns.length === 1 ? 'seems' : 'seem'} to be missing or renamed.`);
  }
  if (changes.some((c) => c.check === 'ENCODING')) {
    lines.push("Your SIS export's text encoding changed: letters with accents (such as é) would be saved as garbled characters.");
  }
  if (changes.some((c) => c.check === 'SIZE')) {
    lines.push('Your SIS export is much smaller than at the last good import: schools, classes or people seem to be missing from it.');
  }
  if (changes.some((c) => !c.check)) lines.push('Your SIS export changed since the last good import.');
  return lines;
}

/**
 * A run the fail-safe source checks stopped: what changed in the SIS export, in plain words, and (admins only) the way out
 * when the change is intended: accept it, which lets the next import skip these checks once, and start that import.
 * Integrators read the same explanation without the action.
 */
export function SourceCheckReview({
  districtId,
  run,
  canEdit,
  timezone,
  onImportStarted,
}: {
  districtId: string;
  run: Run;
  canEdit: boolean;
  timezone?: string;
  onImportStarted: (runId: string) => void;
}) {
  const check = run.sourceCheck;
  const accept = useAcceptSourceChange();
  const request = useRequestRun();
  const [confirming, { open, close }] = useDisclosure(false);
  // Accepting and starting the import are two calls; the button stays pending across both.
  const [working, setWorking] = useState(false);
  if (!check) return null;
  const changes = check.changes ?? [];

  const startImport = () =>
    request.mutateAsync({ districtId, kind: 'MANUAL_IMPORT' }).then(
      (next) => {
        notifySaved('A new import started. It skips the source checks once; follow it below and review it before syncing licenses.');
        if (next.id) onImportStarted(next.id);
      },
      (e) => {
        if (e instanceof ApiError && e.status === 409) {
          notifySaved('An import is already on its way: it will skip the source checks once.');
        } else {
          notifyFailed('Starting the import', e);
        }
      },
    );

  const acceptAndImport = () => {
    setWorking(true);
    accept
      .mutateAsync({ districtId, runId: run.id! })
      .then(
        () => {
          close();
          notifySaved('Change accepted: the next import skips the source checks once.');
          return startImport();
        },
        (e) => {
          close();
          notifyFailed('Accepting the change', e);
        },
      )
      .finally(() => setWorking(false));
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="source-check-title">
      <Title order={3} size="h5" id="source-check-title">
        Why this import was stopped
      </Title>
      <Alert color={check.accepted ? 'gray' : 'red'} title="Your SIS export changed, so nothing was imported" role={check.accepted ? 'status' : 'alert'}>
        <Stack gap={6}>
          {explainChanges(changes).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
          <Text size="sm">
            Rosterline stopped before changing anything, so nobody lost an account or a license. Until the export is fixed or the change is
            accepted, every import stops the same way.
          </Text>
        </Stack>
      </Alert>
      <div>
        <Text size="sm" fw={600}>
          What Rosterline found
        </Text>
        <List size="sm" spacing={4}>
          {changes.map((c, i) => (
            <List.Item key={i}>{c.text}</List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed" mt={4}>
          Found {formatDateTime(check.failedAt, timezone)}.
        </Text>
      </div>

      {check.accepted ? (
        <Alert color="green" title="Change accepted" role="status">
          Accepted by {check.acceptedBy ?? 'an admin'} {formatDateTime(check.acceptedAt, timezone)}.{' '}
          {check.usedByRunId ? 'The import after it skipped the source checks once.' : 'The next import skips the source checks once.'}
          {check.usedByRunId && (
            <Group mt="xs">
              <Button size="xs" variant="default" onClick={() => onImportStarted(check.usedByRunId!)}>
                Show that import
              </Button>
            </Group>
          )}
          {!check.usedByRunId && canEdit && (
            <Group mt="xs">
              <Button size="xs" loading={request.isPending} onClick={() => void startImport()}>
                Import again
              </Button>
            </Group>
          )}
        </Alert>
      ) : canEdit ? (
        <Group>
          <Button onClick={open} loading={working}>
            Accept the change and import again
          </Button>
          <Text size="sm" c="dimmed">
            Only if the export changed on purpose. If it did not, fix the export in your SIS and start a Manual Import.
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          If the change is intended, a district admin can accept it here. You can read this import but not accept the change.
        </Text>
      )}

      <Modal opened={confirming} onClose={close} title="Accept the change and import again?">
        <Stack gap="sm">
          <Text size="sm">Accepting tells Rosterline that this change to your SIS export is intended:</Text>
          <List size="sm" spacing={4}>
            <List.Item>The next import skips these source checks once. Once you sync its licenses, later imports are compared with it.</List.Item>
            <List.Item>
              What the change leaves out is left out in Rosterline too once you sync licenses (for example, an emptied column empties
              that detail for everyone).
            </List.Item>
            <List.Item>The safety limits still apply: an import that would remove an unusual number of people or licenses is still held for you.</List.Item>
            <List.Item>Rosterline starts a Manual Import now. It changes nothing until you review it and choose Sync Licenses.</List.Item>
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={working}>
              Cancel
            </Button>
            <Button loading={working} onClick={acceptAndImport}>
              Yes, accept and import again
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
