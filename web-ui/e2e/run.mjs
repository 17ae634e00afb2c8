#!/usr/bin/env node
/* global window */
// End-to-end: a real browser (Debian's chromium through playwright-core) signs in on the real Keycloak and works
// through the checklist against the real roster-api on PostgreSQL, saving a screenshot of every step in test-results/.
//
// It uses a stack that is already running. Environment (defaults = scripts/run-local's ports):
//   E2E_API_URL          roster-api                     http://localhost:8080
//   E2E_OIDC_AUTHORITY   Keycloak realm                 http://localhost:8180/realms/rosterline
//   E2E_BASE_URL         a web-ui already serving it    (unset: this script builds the SPA and serves it on :5173,
//                                                        proxying /api and /q to E2E_API_URL)
//   E2E_USERNAME / E2E_PASSWORD                          harbor-admin / harbor-admin
//   E2E_SUPPORT_USERNAME / E2E_SUPPORT_PASSWORD          support / support
// With none of E2E_API_URL / E2E_OIDC_AUTHORITY / E2E_BASE_URL set and no roster-api on :8080, it runs
// scripts/e2e-stack.sh, which starts a database, Keycloak and the packaged roster-api on free ports and calls back here.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'test-results');
const cfg = {
  apiUrl: process.env.E2E_API_URL ?? 'http://localhost:8080',
  authority: process.env.E2E_OIDC_AUTHORITY ?? 'http://localhost:8180/realms/rosterline',
  baseUrl: process.env.E2E_BASE_URL,
  username: process.env.E2E_USERNAME ?? 'harbor-admin',
  password: process.env.E2E_PASSWORD ?? 'harbor-admin',
  supportUsername: process.env.E2E_SUPPORT_USERNAME ?? 'support',
  supportPassword: process.env.E2E_SUPPORT_PASSWORD ?? 'support',
  webPort: Number(process.env.E2E_WEB_PORT ?? 5173),
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
const HARBOR = 'd1000000-0000-4000-8000-000000000001';
const LAKESIDE = 'd2000000-0000-4000-8000-000000000002';

let passed = 0;
let failed = 0;
const failures = [];
let shot = 0;
let server;
let browser;

async function reachable(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startWebUi() {
  const origin = `http://localhost:${cfg.webPort}`;
  if (await reachable(origin)) {
    throw new Error(`Port ${cfg.webPort} is already serving something. Stop it, or point E2E_BASE_URL at it.`);
  }
  const env = {
    ...process.env,
    VITE_API_URL: origin,
    VITE_OIDC_AUTHORITY: cfg.authority,
    VITE_OIDC_CLIENT_ID: 'rosterline-web',
    API_PROXY_TARGET: cfg.apiUrl,
    WEB_PORT: String(cfg.webPort),
  };
  const outDir = join(root, 'node_modules/.e2e-dist');
  const vite = join(root, 'node_modules/.bin/vite');
  const build = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
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

async function screenshot(page, name) {
  shot += 1;
  const file = join(out, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // A notification still fading out from the previous step is mid-animation; it is checked where it appears.
    const context = { exclude: [['.mantine-Notifications-root']] };
    const r = await window.axe.run(context, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

async function step(name, page, fn, { a11y = true } = {}) {
  const started = Date.now();
  try {
    await fn();
    if (a11y) {
      const violations = await axe(page);
      if (violations.length) throw new Error(`accessibility:\n    ${violations.join('\n    ')}`);
    }
    const file = await screenshot(page, name);
    passed += 1;
    console.log(`  ✓ ${name} (${Date.now() - started} ms) → ${file.replace(root + '/', '')}`);
  } catch (e) {
    failed += 1;
    failures.push(name);
    await screenshot(page, `${name}-FAILED`).catch(() => {});
    console.log(`  ✗ ${name}\n    ${String(e?.message ?? e).split('\n').join('\n    ')}`);
  }
}

async function signIn(page, username, password) {
  await page.waitForSelector('#username', { timeout: 30000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.href.startsWith(cfg.authority), { timeout: 30000 }), page.click('#kc-login')]);
}

const heading = (page, name) => page.getByRole('heading', { name, exact: true }).first().waitFor({ timeout: 20000 });

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if (!(await reachable(`${cfg.apiUrl}/q/health/ready`))) {
    throw new Error(`roster-api is not ready at ${cfg.apiUrl} (start it with scripts/run-local, or run scripts/e2e-stack.sh).`);
  }
  if (!(await reachable(`${cfg.authority}/.well-known/openid-configuration`))) {
    throw new Error(`Keycloak realm is not reachable at ${cfg.authority}.`);
  }
  const base = cfg.baseUrl ?? (await startWebUi());
  console.log(`e2e: web ${base}, api ${cfg.apiUrl}, oidc ${cfg.authority}`);

  browser = await chromium.launch({
    executablePath: cfg.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  // ---- A district admin (Harbor) -------------------------------------------------------------
  const admin = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await admin.newPage();
  page.on('pageerror', (e) => console.log(`    (page error) ${e.message}`));

  await step('keycloak-login', page, async () => {
    await page.goto(base);
    await page.waitForSelector('#username', { timeout: 30000 });
  }, { a11y: false });

  await step('dashboard', page, async () => {
    await signIn(page, cfg.username, cfg.password);
    await heading(page, 'Integration checklist');
    await page.getByText('Harbor Unified').first().waitFor();
    await page.locator('section[aria-labelledby^="step-"]').first().waitFor({ timeout: 20000 });
    if (!page.url().includes(`/districts/${HARBOR}`)) throw new Error(`expected Harbor's dashboard, got ${page.url()}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  await step('district-settings', page, async () => {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: /^District settings/ }).click();
    await heading(page, 'District settings');
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
  });

  await step('district-settings-saved', page, async () => {
    const end = page.getByLabel('Nightly sync window ends');
    await end.fill('03:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('District settings saved.').waitFor({ timeout: 15000 });
    await page.waitForTimeout(700); // let the notification finish fading in before its contrast is checked
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run('.mantine-Notifications-root', { runOnly: ['wcag2aa'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.any.map((a) => a.message).join(' ')).join('; ')}`);
    }).catch(() => []);
    if (violations.length) throw new Error(`notification accessibility: ${violations.join(', ')}`);
  });

  await step('audit-trail', page, async () => {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: /^Audit trail/ }).click();
    await heading(page, 'Audit trail');
    await page.getByText(/nightlyWindow/).first().waitFor({ timeout: 15000 });
  });

  // [route, heading, something the screen shows once its data has loaded from roster-api]
  for (const [path, title, loaded] of [
    ['credentials', 'Credentials', /Save and check/],
    ['schools', 'Schools', /No schools loaded yet|Showing \d+/],
    ['courses', 'Courses', /No courses loaded yet|Showing \d+/],
    ['licenses', 'Licenses', /No license pools yet|used,/],
    ['imports', 'Imports', /No import yet|No imports yet|Ready to review|Licenses synced|Failed|Waiting/],
    ['term-dates', 'Term dates', /No terms loaded yet|Licenses active/],
    ['sticky-licenses', 'Sticky licenses', /No sticky licenses|Current sticky licenses/],
    ['schedule', 'Schedule', /Not ready to go live yet/],
  ]) {
    await step(path, page, async () => {
      await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: new RegExp(`^${title}`) }).click();
      await page.waitForURL(`**/districts/${HARBOR}/${path}`);
      await heading(page, title);
      if (loaded) await page.getByText(loaded).first().waitFor({ timeout: 20000 });
    });
  }

  const openStep = async (path, title) => {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: new RegExp(`^${title}`) }).click();
    await page.waitForURL(`**/districts/${HARBOR}/${path}**`);
    await heading(page, title);
  };

  await step('courses-rule-added', page, async () => {
    await openStep('courses', 'Courses');
    await page.getByRole('textbox', { name: 'Pattern' }).fill('MATH-*');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText(/Rule added: it matches \d+ courses now/).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Remove the rule MATH-*' }).waitFor();
    await page.waitForTimeout(700);
  });

  await step('courses-rule-removed', page, async () => {
    await page.getByRole('button', { name: 'Remove the rule MATH-*' }).click();
    await page.getByText('No rules yet: only the courses you include by hand are rostered.').waitFor({ timeout: 15000 });
  });

  await step('imports-manual-import-queued', page, async () => {
    await openStep('imports', 'Imports');
    await page.getByRole('button', { name: 'Manual Import' }).click();
    // No worker runs in this stack: the run waits in the queue, and the page follows it by polling (no reload).
    await page.getByText('Waiting for a worker to pick up the import…').waitFor({ timeout: 15000 });
    await page.getByRole('region', { name: 'History' }).getByText('Manual import').first().waitFor({ timeout: 15000 });
  });

  await step('imports-second-request-refused', page, async () => {
    // The "started" notification sits over the header's button: dismiss it the way a person would.
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click().catch(() => {});
    await page.getByRole('alert').filter({ hasText: 'Manual import started' }).waitFor({ state: 'detached', timeout: 10000 });
    await page.getByRole('button', { name: 'Manual Import' }).click();
    await page.getByText('An import is already on its way').waitFor({ timeout: 15000 });
  });

  await step('sticky-licenses-manual-account', page, async () => {
    await openStep('sticky-licenses', 'Sticky licenses');
    await page.getByText('Someone not in the roster').click();
    await page.getByRole('textbox', { name: 'First name' }).fill('Dana');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Reyes');
    await page.getByRole('textbox', { name: /^Email/ }).fill('dreyes@harbor.k12.ca.us');
    await page.getByRole('textbox', { name: /^Sign-in name/ }).fill('dreyes');
    await page.getByText(/teacher-edition license pool covers today|Gives /).first().waitFor({ timeout: 15000 });
  });

  await step('dashboard-activity-tiles', page, async () => {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: /^Dashboard/ }).click();
    await heading(page, 'Integration checklist');
    const lastImport = page.getByRole('region', { name: 'Last Roster Import' });
    await lastImport.getByText('Waiting').waitFor({ timeout: 20000 });
    await page.getByRole('region', { name: 'Sticky Licenses' }).getByText(/Nobody keeps licenses|stays? with/).waitFor({ timeout: 20000 });
    await page.getByRole('region', { name: 'Overrides' }).getByText(/terms?$/).first().waitFor({ timeout: 20000 });
  });

  await step('dashboard-view-last-import', page, async () => {
    await page.getByRole('link', { name: 'View the last roster import' }).click();
    await page.waitForURL(`**/districts/${HARBOR}/imports?run=*`);
    await page.getByText('Waiting for a worker to pick up the import…').waitFor({ timeout: 15000 });
  });

  await step('no-access-to-lakeside', page, async () => {
    await page.goto(`${base}/districts/${LAKESIDE}`);
    await heading(page, "You don't have access to this district");
  });

  await step('signed-out', page, async () => {
    await page.getByRole('link', { name: 'Go to my district' }).click();
    await heading(page, 'Integration checklist');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'You have signed out');
  });

  // ---- Support staff ----------------------------------------------------------------------------
  const support = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const sp = await support.newPage();
  await step('support-districts', sp, async () => {
    await sp.goto(base);
    await signIn(sp, cfg.supportUsername, cfg.supportPassword);
    await heading(sp, 'Districts');
    await sp.getByRole('link', { name: 'Lakeside County Schools' }).waitFor();
  });
  await step('support-switches-district', sp, async () => {
    await sp.getByRole('link', { name: 'Harbor Unified' }).click();
    await heading(sp, 'Integration checklist');
    const switcher = sp.getByRole('combobox', { name: 'Switch district' });
    await switcher.click();
    await sp.getByRole('option', { name: 'Lakeside County Schools' }).click();
    await sp.waitForURL(`**/districts/${LAKESIDE}`);
    await sp.getByText('Lakeside County Schools').first().waitFor();
  });

  const sku = `E2E-ALG1-TE-${Date.now().toString(36).toUpperCase()}`;
  await step('support-adds-product', sp, async () => {
    await sp.goto(`${base}/districts/${HARBOR}/licenses`);
    await heading(sp, 'Licenses');
    await sp.getByRole('button', { name: 'Add a product' }).click();
    const dialog = sp.getByRole('dialog', { name: 'Add a product' });
    await dialog.getByRole('textbox', { name: 'SKU' }).fill(sku);
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Algebra I Teacher Edition (e2e)');
    await dialog.getByRole('button', { name: 'Save product' }).click();
    await sp.getByText('Algebra I Teacher Edition (e2e) saved.').waitFor({ timeout: 15000 });
    await sp.getByRole('cell', { name: sku }).waitFor();
    await sp.waitForTimeout(700);
  });

  await step('support-adds-license-pool', sp, async () => {
    await sp.getByRole('button', { name: 'Add a license pool' }).click();
    const dialog = sp.getByRole('dialog', { name: 'Add a license pool' });
    await dialog.getByRole('textbox', { name: 'Product' }).or(dialog.getByRole('combobox', { name: 'Product' })).first().click();
    await sp.getByRole('option', { name: new RegExp(sku) }).click();
    await dialog.getByRole('textbox', { name: 'Seats' }).fill('1');
    const today = new Date();
    const iso = (d) => d.toISOString().slice(0, 10);
    await dialog.getByLabel('First day').fill(iso(new Date(today.getTime() - 30 * 86400000)));
    await dialog.getByLabel('Last day').fill(iso(new Date(today.getTime() + 300 * 86400000)));
    await dialog.getByRole('textbox', { name: /Purchase order/ }).click();
    await dialog.getByRole('button', { name: 'Save pool' }).click();
    await sp.getByText('0 of 1 used, 1 left').waitFor({ timeout: 15000 });
    await sp.getByText('Covers today').first().waitFor();
    await sp.waitForTimeout(700);
  });

  await step('support-gives-sticky-license', sp, async () => {
    await sp.goto(`${base}/districts/${HARBOR}/sticky-licenses`);
    await heading(sp, 'Sticky licenses');
    await sp.getByText('Someone not in the roster').click();
    await sp.getByRole('textbox', { name: 'First name' }).fill('Dana');
    await sp.getByRole('textbox', { name: 'Last name' }).fill('Reyes');
    await sp.getByRole('textbox', { name: /^Email/ }).fill('dreyes@harbor.k12.ca.us');
    await sp.getByRole('textbox', { name: /^Sign-in name/ }).fill('dreyes');
    await sp.getByText(/Gives Algebra I Teacher Edition \(e2e\) \(1 seat left\)/).waitFor({ timeout: 15000 });
    await sp.getByRole('button', { name: 'Give sticky licenses' }).click();
    await sp.getByRole('row', { name: /Dana Reyes/ }).waitFor({ timeout: 15000 });
    await sp.waitForTimeout(700);
  });

  await step('support-sticky-no-seat-left', sp, async () => {
    await sp.getByRole('textbox', { name: 'First name' }).fill('Eli');
    await sp.getByRole('textbox', { name: 'Last name' }).fill('Stone');
    await sp.getByRole('textbox', { name: /^Email/ }).fill('estone@harbor.k12.ca.us');
    await sp.getByRole('textbox', { name: /^Sign-in name/ }).fill('estone');
    await sp.getByRole('button', { name: 'Give sticky licenses' }).click();
    await sp.getByRole('alert').filter({ hasText: 'No seat left' }).waitFor({ timeout: 15000 });
  });
}

// No stack named and none on the default ports (scripts/test on a fresh machine): start one for this run.
const stackGiven = process.env.E2E_API_URL || process.env.E2E_OIDC_AUTHORITY || process.env.E2E_BASE_URL;
if (!stackGiven && !(await reachable(`${cfg.apiUrl}/q/health/ready`))) {
  console.log(`e2e: no roster-api at ${cfg.apiUrl}; starting PostgreSQL database, Keycloak and roster-api with scripts/e2e-stack.sh`);
  const run = spawnSync('bash', [join(root, 'scripts/e2e-stack.sh')], { cwd: root, stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

try {
  await main();
} catch (e) {
  failed += 1;
  console.error(`✗ e2e could not run: ${e?.message ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  server?.kill();
}
console.log(`\ne2e: ${passed} passed, ${failed} failed${failures.length ? ` (${failures.join(', ')})` : ''}`);
process.exit(failed ? 1 : 0);
