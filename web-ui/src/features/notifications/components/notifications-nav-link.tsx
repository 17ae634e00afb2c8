import { Badge, NavLink } from '@mantine/core';
import { NavLink as RouterNavLink } from 'react-router';
import { paths } from '@/config/paths';
import { useUnreadNotificationCount } from '../api/get-notifications';

/**
 * The nav entry for the notifications page, with how many are unread. The badge is hidden from screen readers; the
 * link's name says the count instead ("Notifications, 2 unread"), and starts with "Notifications" like every step.
 */
export function NotificationsNavLink({ districtId }: { districtId: string }) {
  const unread = useUnreadNotificationCount(districtId);
  const count = unread.data ?? 0;
  return (
    <NavLink
      component={RouterNavLink}
      to={paths.districtStep(districtId, 'notifications')}
      end
      label="Notifications"
      aria-label={count > 0 ? `Notifications, ${count} unread` : undefined}
      rightSection={
        count > 0 ? (
          <Badge size="sm" variant="light" color="red" aria-hidden>
            {count > 99 ? '99+' : count}
          </Badge>
        ) : undefined
      }
    />
  );
}
