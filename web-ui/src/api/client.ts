import createClient, { type Middleware } from 'openapi-fetch';
import { env } from '@/config/env';
import { userManager } from '@/lib/auth';
import { NetworkError, problemToError } from '@/lib/problem';
import type { components, paths } from './schema';

/** Request and response bodies, exactly as roster-api's OpenAPI document declares them. */
export type Schemas = components['schemas'];

// Every call carries the signed-in admin's bearer token from react-oidc-context's UserManager.
const bearerToken: Middleware = {
  async onRequest({ request }) {
    const user = await userManager.getUser();
    if (user?.access_token && !user.expired) request.headers.set('Authorization', `Bearer ${user.access_token}`);
    return request;
  },
  onError({ error }) {
    return error instanceof Error && error.name === 'AbortError' ? error : new NetworkError(error);
  },
};

let onUnauthorized: (() => void) | undefined;
/** The app shell registers "sign in again" here; a 401 from any call triggers it once. */
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

// fetch is looked up per call (not captured at start-up) so instrumentation such as MSW in tests sees every request.
export const api = createClient<paths>({ baseUrl: env.API_URL, fetch: (request) => globalThis.fetch(request) });
api.use(bearerToken);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Resolves to the response body, or throws an ApiError carrying the problem+json in plain terms. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    throw problemToError(response.status, error, response.statusText);
  }
  return data as T;
}
