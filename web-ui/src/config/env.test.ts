import { describe, expect, it } from 'vitest';
import { loadRuntimeEnv, parseEnv, parseRuntimeConfig } from './env';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const html = () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
const notFound = () => new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

const deployed = { apiUrl: 'https://rosterline.example.org', oidcAuthority: 'https://sso.example.org/realms/rosterline' };

describe('build-time environment', () => {
  it('defaults to the local stack', () => {
    expect(parseEnv({})).toEqual({
      API_URL: 'http://localhost:8080',
      OIDC_AUTHORITY: 'http://localhost:8180/realms/rosterline',
      OIDC_CLIENT_ID: 'rosterline-web',
    });
  });

  it('reads VITE_ variables and names the one that is wrong', () => {
    expect(parseEnv({ VITE_API_URL: 'https://api.example.org' }).API_URL).toBe('https://api.example.org');
    expect(parseEnv({ VITE_API_BASE_URL: 'http://localhost:9090' }).API_URL).toBe('http://localhost:9090');
    expect(() => parseEnv({ VITE_OIDC_AUTHORITY: 'not a url' })).toThrow(/VITE_OIDC_AUTHORITY/);
  });
});

describe('runtime configuration (/config.json)', () => {
  it('validates the file and names each wrong field', () => {
    expect(parseRuntimeConfig(deployed)).toEqual({
      API_URL: 'https://rosterline.example.org',
      OIDC_AUTHORITY: 'https://sso.example.org/realms/rosterline',
      OIDC_CLIENT_ID: 'rosterline-web',
    });
    expect(parseRuntimeConfig({ ...deployed, oidcClientId: 'district-web' }).OIDC_CLIENT_ID).toBe('district-web');
    expect(() => parseRuntimeConfig({ apiUrl: 'rosterline.example.org' })).toThrow(/config\.json:\n- apiUrl: .*\n- oidcAuthority/);
  });

  it('given a deployed SPA with a config.json, then it is used, not the build-time values', async () => {
    const asked: { url: string; accept?: string }[] = [];
    const env = await loadRuntimeEnv({
      fetchImpl: async (url, init) => {
        asked.push({ url, accept: new Headers(init?.headers).get('Accept') ?? undefined });
        return json(deployed);
      },
      buildTime: { VITE_API_URL: 'http://localhost:8080' },
      dev: false,
    });
    expect(asked).toEqual([{ url: '/config.json', accept: 'application/json' }]);
    expect(env.API_URL).toBe('https://rosterline.example.org');
    expect(env.OIDC_AUTHORITY).toBe('https://sso.example.org/realms/rosterline');
  });

  it('given an invalid or unreadable config.json, then starting fails with the reason', async () => {
    await expect(loadRuntimeEnv({ fetchImpl: async () => json({ apiUrl: 'x' }), buildTime: {}, dev: true })).rejects.toThrow(/apiUrl/);
    await expect(
      loadRuntimeEnv({
        fetchImpl: async () => new Response('{ nope', { headers: { 'Content-Type': 'application/json' } }),
        buildTime: {},
        dev: true,
      }),
    ).rejects.toThrow('not valid JSON');
  });

  it('given the dev server (no config.json), then the build-time values and localhost defaults apply', async () => {
    const env = await loadRuntimeEnv({ fetchImpl: async () => notFound(), buildTime: { VITE_API_BASE_URL: 'http://localhost:9090' }, dev: true });
    expect(env).toEqual({ API_URL: 'http://localhost:9090', OIDC_AUTHORITY: 'http://localhost:8180/realms/rosterline', OIDC_CLIENT_ID: 'rosterline-web' });
    const offline = await loadRuntimeEnv({ fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')), buildTime: {}, dev: true });
    expect(offline.API_URL).toBe('http://localhost:8080');
  });

  it('given a production build without config.json (nginx answers index.html instead), then it refuses to call localhost', async () => {
    await expect(loadRuntimeEnv({ fetchImpl: async () => html(), buildTime: {}, dev: false })).rejects.toThrow(
      /no configuration: \/config\.json is missing \(the server answered 200, not JSON\)/,
    );
    await expect(loadRuntimeEnv({ fetchImpl: async () => notFound(), buildTime: { VITE_API_URL: 'https://api.example.org' }, dev: false })).rejects.toThrow(
      /config\.json is missing/,
    );
  });

  it('given a production build whose build set both addresses, then those are used when there is no config.json', async () => {
    const env = await loadRuntimeEnv({
      fetchImpl: async () => notFound(),
      buildTime: { VITE_API_URL: 'https://api.example.org', VITE_OIDC_AUTHORITY: 'https://sso.example.org/realms/rosterline' },
      dev: false,
    });
    expect(env.API_URL).toBe('https://api.example.org');
  });
});
