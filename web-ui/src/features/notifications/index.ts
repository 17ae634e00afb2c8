export { NotificationsPage } from './components/notifications-page';
export { NotificationsNavLink } from './components/notifications-nav-link';
