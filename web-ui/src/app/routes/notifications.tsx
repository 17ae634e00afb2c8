import { NotificationsPage } from '@/features/notifications';

export default function NotificationsRoute() {
  return <NotificationsPage />;
}
