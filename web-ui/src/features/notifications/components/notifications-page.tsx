import { Anchor, Badge, Button, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useNotifications, type DistrictNotification } from '../api/get-notifications';
import { useMarkNotificationRead } from '../api/mark-notification-read';

const PAGE_SIZE = 20;

/** Whether the notification reached the district's notification address, in plain words (emailStatus as the API documents it). */
export function describeEmail(n: DistrictNotification, timezone?: string): string {
  const to = n.emailTo ? ` to ${n.emailTo}` : '';
  switch (n.emailStatus) {
    case 'SENT':
      return `Emailed${to}${n.emailedAt ? ` on ${formatDateTime(n.emailedAt, timezone)}` : ''}.`;
    case 'PENDING':
      // A failed try goes back to PENDING until the last attempt.
      return n.emailError
        ? `Not emailed yet: the last try${to} failed (${n.emailError}). Rosterline tries again shortly.`
        : `Waiting to be emailed${to}.`;
    case 'SENDING':
      return `Being emailed${to} now.`;
    case 'FAILED':
      return `The email${to} could not be sent${n.emailError ? `: ${n.emailError}` : '.'}`;
    case 'NOT_SENT':
      return 'Not emailed: no email address is set for held and failed syncs.';
    default:
      return 'Not emailed.';
  }
}

function MarkReadButton({ districtId, notification }: { districtId: string; notification: DistrictNotification }) {
  const markRead = useMarkNotificationRead();
  return (
    <Button
      size="xs"
      variant="light"
      aria-label={`Mark as read: ${notification.title ?? 'notification'}`}
      loading={markRead.isPending}
      onClick={() =>
        markRead.mutate(
          { districtId, notificationId: notification.id! },
          {
            onSuccess: () => notifySaved(`Notification marked as read: ${notification.title ?? 'notification'}.`),
            onError: (e) => notifyFailed('Marking the notification read', e),
          },
        )
      }
    >
      Mark as read
    </Button>
  );
}

function NotificationRow({ districtId, n, timezone }: { districtId: string; n: DistrictNotification; timezone?: string }) {
  const unread = !n.readAt;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt, timezone)}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text size="sm" fw={unread ? 700 : 500}>
            {n.title}
          </Text>
          {n.body && <Text size="sm">{n.body}</Text>}
          {n.runId && (
            <Anchor component={Link} to={`${paths.districtStep(districtId, 'imports')}?run=${n.runId}`} size="sm">
              View the run
            </Anchor>
          )}
          {n.kind === 'OVERRIDE_FORGOTTEN' && (
            <Anchor component={Link} to={paths.districtStep(districtId, 'term-dates')} size="sm">
              Check the term dates
            </Anchor>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text size="sm">{describeEmail(n, timezone)}</Text>
          {n.emailStatus === 'NOT_SENT' && (
            <Anchor component={Link} to={paths.districtStep(districtId, 'safety')} size="sm">
              Set the email address in Safety settings
            </Anchor>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {unread ? (
          <Stack gap={6} align="flex-start">
            <Badge variant="light" color="orange">
              Unread
            </Badge>
            <MarkReadButton districtId={districtId} notification={n} />
          </Stack>
        ) : (
          <Text size="sm">
            Read by {n.readBy ?? 'an admin'} on {formatDateTime(n.readAt, timezone)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** What Rosterline wants the district's admins to look at: held and failed syncs, forgotten term overrides. */
export function NotificationsPage() {
  const { id, timezone } = useCurrentDistrict();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(0);
  const notifications = useNotifications(id, { unread: unreadOnly, page, size: PAGE_SIZE });

  // Marking the last unread one on a later page read (with "Unread only" on) empties that page: go to the new last page.
  const total = notifications.data?.total;
  const lastPage = Math.max(0, Math.ceil((total ?? 0) / PAGE_SIZE) - 1);
  if (total !== undefined && !notifications.isPlaceholderData && page > lastPage) setPage(lastPage);

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Syncs held for your review, failed syncs and term dates to check, newest first."
        actions={
          <Switch
            label="Unread only"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.currentTarget.checked);
              setPage(0);
            }}
          />
        }
      />
      <QueryState query={notifications} loadingLabel="Loading notifications…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            unreadOnly ? (
              <EmptyState
                order={2}
                title="No unread notifications"
                message="You have read every notification. Turn off “Unread only” to see them all."
              />
            ) : (
              <EmptyState
                order={2}
                title="No notifications"
                message="Rosterline tells you here when a sync is held for your review or fails."
              />
            )
          ) : (
            <Stack gap={0} aria-busy={notifications.isFetching}>
              <Table striped verticalSpacing="sm" captionSide="top">
                <Table.Caption>
                  {unreadOnly ? 'Unread notifications' : 'Notifications'}, newest first. Times are in {timezone ?? 'your time zone'}.
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Notification</Table.Th>
                    <Table.Th scope="col">Email</Table.Th>
                    <Table.Th scope="col">Read</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((n) => (
                    <NotificationRow key={n.id} districtId={id} n={n} timezone={timezone} />
                  ))}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="notifications" />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
