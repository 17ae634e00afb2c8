import { z } from 'zod';

// Validated once at start-up so a misconfigured deployment fails loudly with the variable's name,
// instead of later with a confusing network error.
const EnvSchema = z.object({
  API_URL: z.url().default('http://localhost:8080'),
  OIDC_AUTHORITY: z.url().default('http://localhost:8180/realms/rosterline'),
  OIDC_CLIENT_ID: z.string().min(1).default('rosterline-web'),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | boolean | undefined>): Env {
  const stripped = Object.fromEntries(
    Object.entries(source)
      .filter(([key, value]) => key.startsWith('VITE_') && typeof value === 'string' && value !== '')
      .map(([key, value]) => [key.replace(/^VITE_/, ''), value]),
  );
  // dev-stack (scripts/run-local) names the API's URL VITE_API_BASE_URL; accept it as an alias.
  if (stripped.API_URL === undefined && stripped.API_BASE_URL !== undefined) stripped.API_URL = stripped.API_BASE_URL;
  delete stripped.API_BASE_URL;
  const parsed = EnvSchema.safeParse(stripped);
  if (!parsed.success) {
    throw new Error(
      'Invalid web-ui configuration:\n' +
        parsed.error.issues.map((i) => `- VITE_${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  return parsed.data;
}

export const env = parseEnv(import.meta.env);
