import { z } from 'zod';

// Where roster-api and the OIDC provider are. A deployed SPA reads them at start from /config.json (the nginx image
// mounts it from a ConfigMap), so one build runs in every environment; `npm run dev` and the tests, which have no
// config.json, use the build-time VITE_* variables and their localhost defaults. Everything is validated with zod
// so a misconfigured deployment fails loudly, naming the setting, instead of later with a confusing network error.

const DEFAULTS = {
  API_URL: 'http://localhost:8080',
  OIDC_AUTHORITY: 'http://localhost:8180/realms/rosterline',
  OIDC_CLIENT_ID: 'rosterline-web',
} as const;

const EnvSchema = z.object({
  API_URL: z.url(),
  OIDC_AUTHORITY: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
});

export type Env = z.infer<typeof EnvSchema>;

/** The runtime configuration file's contract: /config.json next to index.html. */
export const RUNTIME_CONFIG_PATH = '/config.json';
export const RuntimeConfigSchema = z.object({
  /** roster-api's origin, e.g. https://rosterline.example.org (the SPA calls <apiUrl>/api/v1/...). */
  apiUrl: z.url(),
  /** The OIDC issuer, e.g. https://sso.example.org/realms/rosterline. */
  oidcAuthority: z.url(),
  /** The public client of the SPA (authorization code + PKCE). */
  oidcClientId: z.string().min(1).default(DEFAULTS.OIDC_CLIENT_ID),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

type BuildTimeSource = Record<string, string | boolean | undefined>;

/** The VITE_* variables of the build, without their prefix; empty ones count as unset. */
function viteValues(source: BuildTimeSource): Record<string, string> {
  const stripped = Object.fromEntries(
    Object.entries(source)
      .filter(([key, value]) => key.startsWith('VITE_') && typeof value === 'string' && value !== '')
      .map(([key, value]) => [key.replace(/^VITE_/, ''), value as string]),
  );
  // dev-stack (scripts/run-local) names the API's URL VITE_API_BASE_URL; accept it as an alias.
  if (stripped.API_URL === undefined && stripped.API_BASE_URL !== undefined) stripped.API_URL = stripped.API_BASE_URL;
  delete stripped.API_BASE_URL;
  return stripped;
}

/** Build-time configuration (VITE_* variables), with the local stack's defaults for whatever is unset. */
export function parseEnv(source: BuildTimeSource): Env {
  const parsed = EnvSchema.safeParse({ ...DEFAULTS, ...viteValues(source) });
  if (!parsed.success) {
    throw new Error(
      'Invalid web-ui configuration:\n' + parsed.error.issues.map((i) => `- VITE_${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  return parsed.data;
}

/** The runtime configuration file, validated; the error names the file and each wrong field. */
export function parseRuntimeConfig(json: unknown): Env {
  const parsed = RuntimeConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `Invalid web-ui configuration in ${RUNTIME_CONFIG_PATH}:\n` +
        parsed.error.issues.map((i) => `- ${i.path.join('.') || '(the file)'}: ${i.message}`).join('\n'),
    );
  }
  return { API_URL: parsed.data.apiUrl, OIDC_AUTHORITY: parsed.data.oidcAuthority, OIDC_CLIENT_ID: parsed.data.oidcClientId };
}

/**
 * The configuration the SPA starts with: /config.json when the server has one; otherwise the build-time values —
 * in a dev server or test always (localhost defaults), in a production build only when the build set them
 * explicitly (VITE_API_URL and VITE_OIDC_AUTHORITY), because a deployed SPA silently calling localhost is the
 * failure this file exists to prevent.
 */
export async function loadRuntimeEnv({
  fetchImpl = (input: string, init?: RequestInit) => globalThis.fetch(input, init),
  buildTime = import.meta.env as BuildTimeSource,
  dev = import.meta.env.DEV,
}: { fetchImpl?: (input: string, init?: RequestInit) => Promise<Response>; buildTime?: BuildTimeSource; dev?: boolean } = {}): Promise<Env> {
  let response: Response | undefined;
  try {
    // Accept: application/json keeps dev servers' SPA fallback from answering index.html for a missing file.
    response = await fetchImpl(RUNTIME_CONFIG_PATH, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    response = undefined; // no server file (e.g. opened from a dev server that is restarting): fall back below
  }
  const isJson = response?.ok && (response.headers.get('Content-Type') ?? '').includes('json');
  if (response && isJson) {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new Error(`Invalid web-ui configuration: ${RUNTIME_CONFIG_PATH} is not valid JSON.`);
    }
    return parseRuntimeConfig(json);
  }
  const explicit = viteValues(buildTime);
  if (dev || (explicit.API_URL && explicit.OIDC_AUTHORITY)) return parseEnv(buildTime);
  throw new Error(
    `The web UI has no configuration: ${RUNTIME_CONFIG_PATH} is missing` +
      (response ? ` (the server answered ${response.status}${isJson ? '' : ', not JSON'})` : '') +
      '. Serve a config.json with apiUrl and oidcAuthority next to index.html.',
  );
}

/**
 * The configuration in effect. It starts as the build-time values so modules (and tests) can read it at once;
 * main.tsx replaces it with {@link loadRuntimeEnv}'s answer before the app's modules are loaded.
 */
export const env: Env = parseEnv(import.meta.env as BuildTimeSource);

export function configureEnv(next: Env) {
  Object.assign(env, next);
}
