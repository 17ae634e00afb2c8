// One place for every URL the SPA links to, so nav, redirects and tests agree.
export const paths = {
  home: '/',
  signedOut: '/signed-out',
  authCallback: '/auth/callback',
  adminDistricts: '/admin/districts',
  newDistrict: '/admin/districts/new',
  district: (id: string) => `/districts/${id}`,
  districtStep: (id: string, step: StepPath) => `/districts/${id}/${step}`,
} as const;

export const stepPaths = [
  'settings',
  'credentials',
  'schools',
  'courses',
  'licenses',
  'term-dates',
  'sticky-licenses',
  'imports',
  'schedule',
  'audit',
] as const;
export type StepPath = (typeof stepPaths)[number];

/** Where each checklist step (by the API's step key) is worked on. */
const stepRoutes: Record<string, StepPath> = {
  CREDENTIALS: 'credentials',
  SCHOOLS: 'schools',
  COURSES: 'courses',
  LICENSES: 'licenses',
  LICENSE_POOL: 'licenses',
  STAGED_REVIEW: 'imports',
  READINESS_REVIEW: 'imports',
  TERM_DATES: 'term-dates',
  SCHEDULE: 'schedule',
};

export function stepPathForKey(key: string | undefined): StepPath | undefined {
  return key ? stepRoutes[key] : undefined;
}
