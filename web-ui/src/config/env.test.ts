import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('environment', () => {
  it('defaults to the local stack', () => {
    expect(parseEnv({})).toEqual({
      API_URL: 'http://localhost:8080',
      OIDC_AUTHORITY: 'http://localhost:8180/realms/rosterline',
      OIDC_CLIENT_ID: 'rosterline-web',
    });
  });

  it('reads VITE_ variables and names the one that is wrong', () => {
    expect(parseEnv({ VITE_API_URL: 'https://api.example.org' }).API_URL).toBe('https://api.example.org');
    expect(() => parseEnv({ VITE_OIDC_AUTHORITY: 'not a url' })).toThrow(/VITE_OIDC_AUTHORITY/);
  });
});
