import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { problemResponse } from '@/testing/fixtures';
import { http } from '@/testing/http';
import {
  FAILED_RUN_ID,
  HELD_RUN_ID,
  failedNotification,
  heldNotification,
  notificationsApi,
  overrideNotification,
} from '@/testing/notifications';
import { server } from '@/testing/server';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { NotificationsPage } from './notifications-page';

const rowOf = (title: string) => screen.getByRole('row', { name: new RegExp(title) });

describe('Notifications', () => {
  it('given a held run, a failed run and a forgotten override, when the admin opens Notifications, then each shows newest first in the district timezone with its run link, email state and read state', async () => {
    const { asked } = notificationsApi([heldNotification, failedNotification, overrideNotification]);
    const { container } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });

    expect(screen.getByRole('heading', { level: 1, name: 'Notifications' })).toBeInTheDocument();
    expect(await screen.findByText('Showing 1–3 of 3 notifications')).toBeInTheDocument();
    expect(asked).toEqual([{ unread: 'false', page: '0', size: '20' }]);
    expect(screen.getByRole('table', { name: 'Notifications, newest first. Times are in America/Los_Angeles.' })).toBeInTheDocument();

    // Newest first, as the API sends them.
    const [, first, second, third] = within(screen.getByRole('table')).getAllByRole('row');
    expect(first).toHaveTextContent('A sync run is held for your review');
    expect(second).toHaveTextContent('A sync run failed');
    expect(third).toHaveTextContent('A term starts soon without an override start');

    const held = rowOf('A sync run is held for your review');
    // 08:12 UTC is 12:12 AM in Los Angeles in November.
    expect(within(held).getAllByText(/^Nov 24, 2026, 12:12\sAM PST$/)).toHaveLength(1);
    expect(within(held).getByText(/Lincoln High School would lose 412 of 430 enrollments/)).toBeInTheDocument();
    expect(within(held).getByRole('link', { name: 'View the run' })).toHaveAttribute('href', `/districts/${HARBOR.id}/imports?run=${HELD_RUN_ID}`);
    expect(within(held).getByText(/^Emailed to rostering@harbor\.k12\.example on Nov 24, 2026, 12:12\sAM PST\.$/)).toBeInTheDocument();
    expect(within(held).getByText('Unread')).toBeInTheDocument();
    expect(within(held).getByRole('button', { name: 'Mark as read: A sync run is held for your review' })).toBeEnabled();

    const failed = rowOf('A sync run failed');
    expect(within(failed).getByRole('link', { name: 'View the run' })).toHaveAttribute('href', `/districts/${HARBOR.id}/imports?run=${FAILED_RUN_ID}`);
    expect(
      within(failed).getByText(
        'The email to rostering@harbor.k12.example could not be sent: The mail server refused the address (550 mailbox unavailable)',
      ),
    ).toBeInTheDocument();
    expect(within(failed).getByText(/^Read by harbor-admin on Nov 23, 2026, 9:05\sAM PST$/)).toBeInTheDocument();
    expect(within(failed).queryByRole('button', { name: /^Mark as read/ })).not.toBeInTheDocument();

    const override = rowOf('A term starts soon without an override start');
    expect(within(override).queryByRole('link', { name: 'View the run' })).not.toBeInTheDocument();
    expect(within(override).getByRole('link', { name: 'Check the term dates' })).toHaveAttribute('href', `/districts/${HARBOR.id}/term-dates`);
    expect(within(override).getByText('Not emailed: no email address is set for held and failed syncs.')).toBeInTheDocument();
    expect(within(override).getByRole('link', { name: 'Set the email address in Safety settings' })).toHaveAttribute(
      'href',
      `/districts/${HARBOR.id}/safety`,
    );

    expect(screen.getAllByRole('button', { name: /^Mark as read/ })).toHaveLength(2);
    await expectNoAxeViolations(container);
  });

  it('given an unread notification, when the admin marks it as read, then the API is asked once, it is announced and the row says who read it and when', async () => {
    const { reads, asked } = notificationsApi([heldNotification, failedNotification]);
    const { user, queryClient } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    // What the nav's unread count holds while this page is open.
    queryClient.setQueryData(['notifications', HARBOR.id, 'unread-count'], { items: [heldNotification], page: 0, size: 1, total: 1 });

    await user.click(await screen.findByRole('button', { name: 'Mark as read: A sync run is held for your review' }));

    expect(await screen.findByText('Notification marked as read: A sync run is held for your review.')).toBeInTheDocument();
    await waitFor(() => expect(within(rowOf('A sync run is held for your review')).getByText(/^Read by harbor-admin on Nov 24, 2026, 9:30\sAM PST$/)).toBeInTheDocument());
    expect(reads).toEqual([heldNotification.id]);
    expect(screen.queryByRole('button', { name: /^Mark as read/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Unread')).not.toBeInTheDocument();
    // The list was fetched again, and the nav's count is out of date now.
    expect(asked).toHaveLength(2);
    expect(queryClient.getQueryState(['notifications', HARBOR.id, 'unread-count'])?.isInvalidated).toBe(true);
  });

  it('given the server refuses, when the admin marks a notification read, then the plain reason is shown and it stays unread', async () => {
    notificationsApi([heldNotification]);
    server.use(
      http.post('/api/v1/districts/{districtId}/notifications/{notificationId}/read', ({ response }) =>
        response.untyped(problemResponse(404, 'Not Found', 'This notification is not one of this district’s.')),
      ),
    );
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    await user.click(await screen.findByRole('button', { name: 'Mark as read: A sync run is held for your review' }));
    expect(await screen.findByText(/^Marking the notification read failed/)).toBeInTheDocument();
    expect(screen.getByText('This notification is not one of this district’s.')).toBeInTheDocument();
    expect(within(rowOf('A sync run is held for your review')).getByText('Unread')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark as read: A sync run is held for your review' })).toBeEnabled();
  });

  it('given read and unread notifications, when the admin turns on Unread only, then the list is asked with unread=true from the first page and shows only the unread ones', async () => {
    const { asked } = notificationsApi([heldNotification, failedNotification, overrideNotification]);
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    expect(await screen.findByText('Showing 1–3 of 3 notifications')).toBeInTheDocument();

    const unreadOnly = screen.getByRole('switch', { name: 'Unread only' });
    expect(unreadOnly).not.toBeChecked();
    await user.click(unreadOnly);

    expect(await screen.findByText('Showing 1–2 of 2 notifications')).toBeInTheDocument();
    expect(unreadOnly).toBeChecked();
    expect(asked).toEqual([
      { unread: 'false', page: '0', size: '20' },
      { unread: 'true', page: '0', size: '20' },
    ]);
    expect(screen.getByRole('table', { name: 'Unread notifications, newest first. Times are in America/Los_Angeles.' })).toBeInTheDocument();
    expect(screen.getByText('A sync run is held for your review')).toBeInTheDocument();
    expect(screen.getByText('A term starts soon without an override start')).toBeInTheDocument();
    expect(screen.queryByText('A sync run failed')).not.toBeInTheDocument();
  });

  it('given Unread only is on, when the admin reads the last unread one, then it leaves the list and the page says everything is read', async () => {
    notificationsApi([heldNotification, failedNotification]);
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    await user.click(await screen.findByRole('switch', { name: 'Unread only' }));
    expect(await screen.findByText('Showing 1–1 of 1 notifications')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Mark as read: A sync run is held for your review' }));
    expect(await screen.findByRole('heading', { name: 'No unread notifications' })).toBeInTheDocument();
    expect(screen.getByText('You have read every notification. Turn off “Unread only” to see them all.')).toBeInTheDocument();
  });

  it('given 45 notifications, when the admin opens page 3, then the server is asked for that page', async () => {
    const many: Schemas['Notification'][] = Array.from({ length: 45 }, (_, i) => ({
      ...failedNotification,
      id: `9b2f0c1e-4d3a-4b5c-8e6f-${String(i).padStart(12, '0')}`,
      title: `A sync run failed (${45 - i})`,
    }));
    const { asked } = notificationsApi(many);
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    expect(await screen.findByText('Showing 1–20 of 45 notifications')).toBeInTheDocument();
    expect(screen.getByText('A sync run failed (45)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(await screen.findByText('Showing 41–45 of 45 notifications')).toBeInTheDocument();
    expect(screen.getByText('A sync run failed (5)')).toBeInTheDocument();
    expect(asked.map((a) => `${a.page}/${a.size}`)).toEqual(['0/20', '2/20']);
  });

  it('given 21 unread notifications and Unread only on, when the admin reads the only one on page 2, then the list goes back to the page that still has some', async () => {
    const unread: Schemas['Notification'][] = Array.from({ length: 21 }, (_, i) => ({
      ...heldNotification,
      id: `9b2f0c1e-4d3a-4b5c-8e6f-${String(i).padStart(12, '0')}`,
      title: `A sync run is held for your review (${21 - i})`,
    }));
    const { asked } = notificationsApi(unread);
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    await user.click(await screen.findByRole('switch', { name: 'Unread only' }));
    expect(await screen.findByText('Showing 1–20 of 21 notifications')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByText('Showing 21–21 of 21 notifications')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Mark as read: A sync run is held for your review (1)' }));
    expect(await screen.findByText('Showing 1–20 of 20 notifications')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'No unread notifications' })).not.toBeInTheDocument();
    expect(asked.map((a) => `${a.unread} ${a.page}`)).toEqual(['false 0', 'true 0', 'true 1', 'true 1', 'true 0']);
  });

  it('given a district with no notifications yet, when the admin opens Notifications, then it says in plain words what will appear there', async () => {
    notificationsApi([]);
    const { container } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    expect(await screen.findByRole('heading', { name: 'No notifications' })).toBeInTheDocument();
    expect(screen.getByText('Rosterline tells you here when a sync is held for your review or fails.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('given the server fails, when the admin opens Notifications, then the plain error shows with a way to try again that asks again', async () => {
    let calls = 0;
    server.use(
      http.get('/api/v1/districts/{districtId}/notifications', ({ response }) => {
        calls += 1;
        return response.untyped(problemResponse(503, 'Service Unavailable'));
      }),
    );
    const { user } = await renderInDistrict(<NotificationsPage />, { subPath: '/notifications' });
    const alert = await screen.findByRole('alert', { name: 'Something went wrong on our side' });
    expect(alert).toHaveTextContent('Try again in a minute. If it keeps happening, contact Rosterline support.');
    expect(alert).not.toHaveTextContent(/503|Service Unavailable/);
    expect(screen.queryByRole('heading', { name: 'No notifications' })).not.toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(calls).toBe(2));
  });
});
