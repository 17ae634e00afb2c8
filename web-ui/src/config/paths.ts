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
  'readiness',
  'schedule',
  'safety',
  'audit',
  'notifications',
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
  READINESS_REVIEW: 'readiness',
  TERM_DATES: 'term-dates',
  SCHEDULE: 'schedule',
};

export function stepPathForKey(key: string | undefined): StepPath | undefined {
  return key ? stepRoutes[key] : undefined;
}

/**
 * The "why does this person hold this license" lookup on the imports page reads these search parameters, so any
 * screen (the license plan, the readiness review) can link straight to an answer.
 */
export const whyParams = { user: 'whyUser', product: 'whyProduct' } as const;

export function whySearch(userId: string, productId: string, current?: URLSearchParams): string {
  const params = new URLSearchParams(current);
  params.set(whyParams.user, userId);
  params.set(whyParams.product, productId);
  return `?${params.toString()}`;
}
