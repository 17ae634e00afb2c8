import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { failedNotification, heldNotification, notificationsApi, overrideNotification } from '@/testing/notifications';
import { HARBOR, renderInDistrict } from '@/testing/test-utils';
import { NotificationsNavLink } from './notifications-nav-link';
import { NotificationsPage } from './notifications-page';

/** The nav entry as the district layout shows it, in the checklist navigation. */
const nav = (
  <nav aria-label="Checklist steps">
    <NotificationsNavLink districtId={HARBOR.id} />
  </nav>
);

describe('Notifications in the navigation', () => {
  it('given two unread notifications and a read one, then the nav entry shows 2 and says “Notifications, 2 unread”, counted from unread=true&size=1', async () => {
    const { asked } = notificationsApi([heldNotification, failedNotification, overrideNotification]);
    const { container } = await renderInDistrict(nav);

    const link = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(link).toHaveAttribute('href', `/districts/${HARBOR.id}/notifications`);
    // The badge is for the eye; the link's name carries the count for screen readers.
    expect(within(link).getByText('2')).toBeInTheDocument();
    expect(asked).toEqual([{ unread: 'true', page: '0', size: '1' }]);
    // Starts with its label, as the e2e run finds nav entries (/^Imports/, /^Dashboard/): no other entry starts with "Notifications".
    expect(link).toHaveAccessibleName(/^Notifications/);
    await expectNoAxeViolations(container);
  });

  it('given nothing unread, then the nav entry is plain “Notifications” without a badge', async () => {
    notificationsApi([failedNotification]);
    await renderInDistrict(nav);
    const link = await screen.findByRole('link', { name: 'Notifications' });
    // The count has arrived (0): still no badge.
    await waitFor(() => expect(link).toHaveTextContent(/^Notifications$/));
    expect(screen.queryByRole('link', { name: /unread/ })).not.toBeInTheDocument();
  });

  it('given one unread notification, when the admin marks it read on the page, then the nav count goes away', async () => {
    const { reads } = notificationsApi([heldNotification, failedNotification]);
    const { user } = await renderInDistrict(
      <>
        {nav}
        <NotificationsPage />
      </>,
      { subPath: '/notifications' },
    );
    expect(await screen.findByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Mark as read: A sync run is held for your review' }));

    expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /unread/ })).not.toBeInTheDocument();
    expect(reads).toEqual([heldNotification.id]);
  });
});
