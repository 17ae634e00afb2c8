import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { formatDateTime } from '@/lib/dates';
import { useMarkRunReviewed } from '../api/mark-run-reviewed';
import type { Run } from '../api/types';

/**
 * The checklist's Import and review step: a staged import the admin has looked at is marked reviewed, which applies
 * nothing. Once marked, who did it and when is shown instead of the button.
 */
export function MarkReviewed({ districtId, run, timezone }: { districtId: string; run: Run; timezone?: string }) {
  const markReviewed = useMarkRunReviewed();
  const [confirming, { open, close }] = useDisclosure(false);

  if (run.reviewedAt) {
    return (
      <Alert color="green" title="Reviewed" role="status">
        Marked reviewed by {run.reviewedBy ?? 'an admin'} {formatDateTime(run.reviewedAt, timezone)}.
        {run.status === 'STAGED' && ' Rosters and licenses change only when you choose Sync Licenses.'}
      </Alert>
    );
  }
  if (run.status !== 'STAGED') return null;

  const confirm = () =>
    markReviewed.mutate(
      { districtId, runId: run.id! },
      {
        onSuccess: () => {
          close();
          notifySaved('Import marked reviewed: the checklist step “Import and review” is done.');
        },
        onError: (e) => {
          close();
          notifyFailed('Marking the import reviewed', e);
        },
      },
    );

  return (
    <>
      <Group>
        <Button variant="default" onClick={open} disabled={markReviewed.isPending}>
          Mark reviewed
        </Button>
        <Text size="sm" c="dimmed">
          Done checking the changes, classes and license plan? Mark the import reviewed, with or without syncing licenses.
        </Text>
      </Group>
      <Modal opened={confirming} onClose={close} title="Mark this import reviewed?">
        <Stack gap="sm">
          <Text size="sm">Marking it reviewed records that you have checked:</Text>
          <List size="sm">
            <List.Item>what the import changes (schools, classes, people and enrollments)</List.Item>
            <List.Item>the classes and their rosters</List.Item>
            <List.Item>the license plan</List.Item>
          </List>
          <Text size="sm">
            It completes the checklist step “Import and review”. It does not change any roster or license: that happens only when
            you choose Sync Licenses.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={markReviewed.isPending}>
              Cancel
            </Button>
            <Button loading={markReviewed.isPending} onClick={confirm}>
              Yes, mark reviewed
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
