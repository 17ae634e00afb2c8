import type { Schemas } from '@/api/client';
import { problemResponse } from './fixtures';
import { http } from './http';
import { server } from './server';

// The district's notifications as roster-api holds them, typed by the generated schema.

export const HELD_RUN_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const FAILED_RUN_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5c';

/** Unread; emailed to the district's notification address. */
export const heldNotification: Schemas['Notification'] = {
  id: '9b2f0c1e-4d3a-4b5c-8e6f-7a8b9c0d1e01',
  kind: 'RUN_HELD',
  title: 'A sync run is held for your review',
  body: 'Lincoln High School would lose 412 of 430 enrollments (96 %). Nothing was applied. Approve the run to apply it, or discard it.',
  runId: HELD_RUN_ID,
  createdAt: '2026-11-24T08:12:03Z',
  emailStatus: 'SENT',
  emailTo: 'rostering@harbor.k12.example',
  emailedAt: '2026-11-24T08:12:04Z',
};

/** Read earlier; its email could not be delivered. */
export const failedNotification: Schemas['Notification'] = {
  id: '9b2f0c1e-4d3a-4b5c-8e6f-7a8b9c0d1e02',
  kind: 'RUN_FAILED',
  title: 'A sync run failed',
  body: 'The nightly sync could not read the SIS: the OneRoster server answered 503. Nothing was applied.',
  runId: FAILED_RUN_ID,
  createdAt: '2026-11-23T09:30:00Z',
  readAt: '2026-11-23T17:05:00Z',
  readBy: 'harbor-admin',
  emailStatus: 'FAILED',
  emailTo: 'rostering@harbor.k12.example',
  emailError: 'The mail server refused the address (550 mailbox unavailable)',
};

/** Unread; no run; the district has no notification address. */
export const overrideNotification: Schemas['Notification'] = {
  id: '9b2f0c1e-4d3a-4b5c-8e6f-7a8b9c0d1e03',
  kind: 'OVERRIDE_FORGOTTEN',
  title: 'A term starts soon without an override start',
  body: 'Spring 2027 starts on Jan 10, 2027 and its classes are licensed. Set an override start if teachers need access earlier.',
  createdAt: '2026-11-22T15:00:00Z',
  emailStatus: 'NOT_SENT',
  emailError: 'The district has no notification address (safety settings).',
};

/** When the admin reads a notification in these tests, and as whom (the API records the signed-in actor). */
export const READ_AT = '2026-11-24T17:30:00Z';

export type NotificationsAsked = { unread: string | null; page: string | null; size: string | null };

/**
 * The notifications endpoints over a list kept newest first, the way roster-api answers them: unread=true filters,
 * page/size page, and marking one read records harbor-admin at READ_AT (again: no change). Returns what was asked.
 */
export function notificationsApi(initial: Schemas['Notification'][] = []) {
  let stored = [...initial];
  const asked: NotificationsAsked[] = [];
  const reads: string[] = [];
  server.use(
    http.get('/api/v1/districts/{districtId}/notifications', ({ query, response }) => {
      asked.push({ unread: query.get('unread'), page: query.get('page'), size: query.get('size') });
      const page = Number(query.get('page') ?? 0);
      const size = Number(query.get('size') ?? 20);
      const matching = query.get('unread') === 'true' ? stored.filter((n) => !n.readAt) : stored;
      return response(200).json({ items: matching.slice(page * size, (page + 1) * size), page, size, total: matching.length });
    }),
    http.post('/api/v1/districts/{districtId}/notifications/{notificationId}/read', ({ params, response }) => {
      reads.push(params.notificationId);
      const found = stored.find((n) => n.id === params.notificationId);
      if (!found) return response.untyped(problemResponse(404, 'Not Found', `Notification ${params.notificationId} was not found.`));
      const read = found.readAt ? found : { ...found, readAt: READ_AT, readBy: 'harbor-admin' };
      stored = stored.map((n) => (n.id === read.id ? read : n));
      return response(200).json(read);
    }),
  );
  return { asked, reads };
}
