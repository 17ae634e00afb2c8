import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import type { Schemas } from '@/api/client';
import type { ApiResponse } from '@/api/types';

export type NotificationsResult = ApiResponse<'/api/v1/districts/{districtId}/notifications'>;
/** A held or failed run, or a forgotten term override, for the district's admins (named apart from the browser's Notification). */
export type DistrictNotification = Schemas['Notification'];

export type NotificationsFilter = { unread: boolean; page: number; size: number };

/** Held runs, failed runs and forgotten term overrides, newest first; `unread` lists only the ones nobody has read. */
export const getNotifications = (districtId: string, { unread, page, size }: NotificationsFilter) =>
  unwrap(api.GET('/api/v1/districts/{districtId}/notifications', { params: { path: { districtId }, query: { unread, page, size } } }));

export const getNotificationsQueryOptions = (districtId: string, filter: NotificationsFilter) =>
  queryOptions({
    queryKey: ['notifications', districtId, 'list', filter],
    queryFn: () => getNotifications(districtId, filter),
    placeholderData: keepPreviousData,
  });

export const useNotifications = (districtId: string, filter: NotificationsFilter) =>
  useQuery(getNotificationsQueryOptions(districtId, filter));

/**
 * How many notifications nobody has read, for the nav badge: one unread item is asked for and the page's total is
 * the count. Checked again every minute, since the nightly sync can hold or fail while the admin has the app open.
 */
export const getUnreadNotificationCountQueryOptions = (districtId: string) =>
  queryOptions({
    queryKey: ['notifications', districtId, 'unread-count'],
    queryFn: () => getNotifications(districtId, { unread: true, page: 0, size: 1 }),
    select: (result) => result.total ?? 0,
    refetchInterval: 60_000,
  });

export const useUnreadNotificationCount = (districtId: string) => useQuery(getUnreadNotificationCountQueryOptions(districtId));
