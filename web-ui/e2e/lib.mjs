/* global window */
// Shared by the browser tests (run.mjs: the whole checklist; demo.mjs: the run command's seeded demo district):
// configuration from the environment dev-stack --exec passes, the SPA's production build served with a runtime
// /config.json, a real chromium, axe on every step, a screenshot and a timing per step.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const cfg = {
  apiUrl: process.env.E2E_API_URL ?? 'http://localhost:8080',
  authority: process.env.E2E_OIDC_AUTHORITY ?? 'http://localhost:8180/realms/rosterline',
  baseUrl: process.env.E2E_BASE_URL,
  sandboxUrl: process.env.E2E_SANDBOX_URL,
  sandboxClientId: process.env.E2E_SANDBOX_CLIENT_ID ?? 'sandbox-client',
  sandboxClientSecret: process.env.E2E_SANDBOX_CLIENT_SECRET ?? 'sandbox-secret',
  worker: process.env.E2E_WORKER ?? 'unknown',
  username: process.env.E2E_USERNAME ?? 'harbor-admin',
  password: process.env.E2E_PASSWORD ?? 'harbor-admin',
  supportUsername: process.env.E2E_SUPPORT_USERNAME ?? 'support',
  supportPassword: process.env.E2E_SUPPORT_PASSWORD ?? 'support',
  webPort: Number(process.env.E2E_WEB_PORT ?? 5173),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
export const HARBOR = 'd1000000-0000-4000-8000-000000000001';
export const LAKESIDE = 'd2000000-0000-4000-8000-000000000002';

export async function reachable(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Results of one run: steps passed and failed, screenshots numbered in order under outDir. */
export function createRun(outDir) {
  const run = { outDir, passed: 0, failed: 0, failures: [], shot: 0, timings: [] };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return run;
}

/** Clears only the top level's screenshots, so the demo pass's folder survives the checklist run and vice versa. */
export function createRunKeepingSubfolders(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith('.png')) rmSync(join(outDir, f));
  return { outDir, passed: 0, failed: 0, failures: [], shot: 0, timings: [] };
}

let server;

/**
 * The SPA as it is deployed: a production build (no VITE_* addresses baked in) served by vite preview, with the
 * stack's addresses in a runtime /config.json beside index.html. /api and /q are proxied to roster-api, so the
 * browser needs no CORS grant.
 */
export async function startWebUi() {
  const origin = `http://localhost:${cfg.webPort}`;
  if (await reachable(origin)) {
    throw new Error(`Port ${cfg.webPort} is already serving something. Stop it, or point E2E_BASE_URL at it.`);
  }
  const env = { ...process.env, API_PROXY_TARGET: cfg.apiUrl, WEB_PORT: String(cfg.webPort) };
  for (const key of Object.keys(env)) if (key.startsWith('VITE_')) delete env[key];
  const outDir = join(root, 'node_modules/.e2e-dist');
  const vite = join(root, 'node_modules/.bin/vite');
  const build = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  writeFileSync(join(outDir, 'config.json'), JSON.stringify({ apiUrl: origin, oidcAuthority: cfg.authority, oidcClientId: 'rosterline-web' }, null, 2));
  server = spawn(vite, ['preview', '--outDir', outDir, '--port', String(cfg.webPort), '--strictPort'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 60; i += 1) {
    if (await reachable(origin)) return origin;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('vite preview did not start');
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: cfg.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function screenshot(run, page, name) {
  run.shot += 1;
  const file = join(run.outDir, `${String(run.shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 AA (contrast included) over the page; a notification still fading is checked where it appears. */
export async function axe(page, context = { exclude: [['.mantine-Notifications-root']] }) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }, context);
}

/** A notification that just appeared, once it has faded in: its text and contrast. */
export async function expectNotification(page, text, timeout = 20000) {
  const note = page.locator('.mantine-Notifications-root [role="alert"]').filter({ hasText: text }).first();
  await note.waitFor({ timeout });
  await page.waitForTimeout(200); // reduced motion: no fade to wait for, only the next paint
  const violations = await axe(page, '.mantine-Notifications-root');
  if (violations.length) throw new Error(`notification accessibility:\n    ${violations.join('\n    ')}`);
  return note;
}

/** Closes every notification the way a person would, so none covers the next button. */
export async function dismissNotifications(page) {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2000 }).catch(() => {});
  await page.locator('.mantine-Notifications-root [role="alert"]').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
}

export async function step(run, name, page, fn, { a11y = true } = {}) {
  const started = Date.now();
  try {
    await fn();
    if (a11y) {
      const violations = await axe(page);
      if (violations.length) throw new Error(`accessibility:\n    ${violations.join('\n    ')}`);
    }
    const file = await screenshot(run, page, name);
    run.passed += 1;
    const ms = Date.now() - started;
    run.timings.push([name, ms]);
    console.log(`  ✓ ${name} (${ms} ms) → ${file.replace(root + '/', '')}`);
    return true;
  } catch (e) {
    run.failed += 1;
    run.failures.push(name);
    await screenshot(run, page, `${name}-FAILED`).catch(() => {});
    console.log(`  ✗ ${name}\n    ${String(e?.message ?? e).split('\n').join('\n    ')}`);
    return false;
  }
}

export async function signIn(page, username, password) {
  await page.waitForSelector('#username', { timeout: 60000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.href.startsWith(cfg.authority), { timeout: 30000 }), page.click('#kc-login')]);
}

export const heading = (page, name, timeout = 20000) => page.getByRole('heading', { name, exact: true }).first().waitFor({ timeout });

export async function requireStack() {
  if (!(await reachable(`${cfg.apiUrl}/q/health/ready`))) {
    throw new Error(`roster-api is not ready at ${cfg.apiUrl} (run the tests through dev-stack: see the README).`);
  }
  if (!(await reachable(`${cfg.authority}/.well-known/openid-configuration`))) {
    throw new Error(`Keycloak realm is not reachable at ${cfg.authority}.`);
  }
}

export async function finish(run, browser, label) {
  await browser?.close().catch(() => {});
  server?.kill();
  const total = run.timings.reduce((n, [, ms]) => n + ms, 0);
  console.log(`\n${label}: ${run.passed} passed, ${run.failed} failed${run.failures.length ? ` (${run.failures.join(', ')})` : ''}; steps took ${(total / 1000).toFixed(1)} s`);
  process.exit(run.failed ? 1 : 0);
}
