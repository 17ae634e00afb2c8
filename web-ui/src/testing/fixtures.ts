import { HttpResponse } from 'msw';
import type { Schemas } from '@/api/client';
import { HARBOR, LAKESIDE } from './test-utils';

// Test data typed by the generated schema: if the API's shapes change, these stop compiling.
export const harborDistrict: Schemas['District'] = {
  id: HARBOR.id,
  name: HARBOR.name,
  state: 'CA',
  ncesId: '0612345',
  timezone: HARBOR.timezone,
  platform: 'ONEROSTER_API',
  scheduleMode: 'SETUP',
  nightlyWindow: { start: '00:00', end: '02:00' },
  archived: false,
  createdAt: '2026-11-01T17:00:00Z',
  updatedAt: '2026-11-01T17:00:00Z',
};

export const lakesideDistrict: Schemas['District'] = {
  ...harborDistrict,
  id: LAKESIDE.id,
  name: LAKESIDE.name,
  state: 'WA',
  ncesId: '5300001',
  platform: 'ONEROSTER_CSV',
};

export const harborAdminMe: Schemas['Me'] = {
  actor: 'harbor-admin',
  roles: ['district-admin'],
  districtIds: [HARBOR.id],
  support: false,
};

export const supportMe: Schemas['Me'] = { actor: 'support', roles: ['support'], districtIds: [], support: true };

export function problem(status: number, title: string, detail?: string, errors: Schemas['FieldError'][] = []): Schemas['Problem'] {
  return { type: 'https://rosterline.io/problems/test', title, status, detail, errors };
}

/** An RFC 9457 error response as roster-api sends it (application/problem+json). */
export function problemResponse(status: number, title: string, detail?: string, errors: Schemas['FieldError'][] = []) {
  return HttpResponse.json(problem(status, title, detail, errors), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
