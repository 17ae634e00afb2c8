#!/usr/bin/env node
// End-to-end: a real browser (Debian's chromium through playwright-core) walks the whole Integration Settings
// Checklist, from the Keycloak login to going live, against the real stack: Keycloak, roster-api on PostgreSQL, the
// sandbox SIS and the sync worker, which really imports the sandbox's roster. A screenshot of every step goes
// to test-results/NN-<step>.png, with its timing on the console.
//
// The stack comes from dev-stack (scripts/test runs `java -jar dev-stack/target/dev-stack.jar --ephemeral --exec ...`,
// which passes these; run that way by hand too):
//   E2E_API_URL, E2E_OIDC_AUTHORITY        roster-api and the Keycloak realm
//   E2E_SANDBOX_URL (+ _CLIENT_ID/_SECRET) the sandbox SIS whose OneRoster credentials the admin enters
//   E2E_WORKER=daemon                      a sync-worker daemon picks up the Manual Import
//   E2E_BASE_URL                           a web UI already serving (unset: the production build is served on :5173
//                                          with a runtime /config.json, proxying /api and /q to roster-api)
//   E2E_USERNAME / E2E_PASSWORD (harbor-admin), E2E_SUPPORT_USERNAME / E2E_SUPPORT_PASSWORD (support)
// It expects a fresh stack (Harbor Unified still bare), as --ephemeral gives it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  HARBOR,
  LAKESIDE,
  cfg,
  createRunKeepingSubfolders,
  dismissNotifications,
  expectNotification,
  finish,
  heading,
  launchBrowser,
  requireStack,
  root,
  signIn,
  startWebUi,
  step,
} from './lib.mjs';

const run = createRunKeepingSubfolders(join(root, 'test-results'));
const today = new Date();
const schoolYear = today.getMonth() + 1 >= 8 ? today.getFullYear() + 1 : today.getFullYear(); // the sandbox's, as dev-stack starts it
const suffix = Date.now().toString(36).toUpperCase();
const MATH_TE = { sku: `E2E-MATH-TE-${suffix}`, title: `E2E Math Teacher Edition ${suffix}`, edition: 'Teacher edition', seats: 40 };
const MATH_SE = { sku: `E2E-MATH-SE-${suffix}`, title: `E2E Math Student Edition ${suffix}`, edition: 'Student edition', seats: 400 };
const iso = (d) => d.toISOString().slice(0, 10);
const poolStart = iso(new Date(today.getTime() - 120 * 86400000));
const poolEnd = iso(new Date(today.getTime() + 300 * 86400000));
let browser;
// Reduced motion (which the SPA honours): no dialog or tooltip is caught mid-fade when axe measures contrast.
const contextOptions = { viewport: { width: 1360, height: 900 }, reducedMotion: 'reduce' };

async function main() {
  await requireStack();
  if (!cfg.sandboxUrl) throw new Error('E2E_SANDBOX_URL is not set: run the e2e through dev-stack --ephemeral (see the README).');
  if (cfg.worker !== 'daemon') throw new Error('No sync worker in this stack (E2E_WORKER): the Manual Import would never run.');
  const base = cfg.baseUrl ?? (await startWebUi());
  console.log(`e2e: web ${base}, api ${cfg.apiUrl}, oidc ${cfg.authority}, sandbox ${cfg.sandboxUrl}, worker ${cfg.worker}`);
  browser = await launchBrowser();

  // ---- The district admin (Harbor) signs in -----------------------------------------------------------------------
  const admin = await browser.newContext(contextOptions);
  const page = await admin.newPage();
  page.on('pageerror', (e) => console.log(`    (page error) ${e.message}`));
  const nav = page.getByRole('navigation', { name: 'Checklist steps' });
  const openStep = async (path, title) => {
    await dismissNotifications(page);
    await nav.getByRole('link', { name: new RegExp(`^${title}`) }).click();
    await page.waitForURL(`**/districts/${HARBOR}/${path}**`);
    await heading(page, title);
  };

  await step(run, 'keycloak-login', page, async () => {
    await page.goto(base);
    await page.waitForSelector('#username', { timeout: 30000 });
  }, { a11y: false });

  await step(run, 'dashboard', page, async () => {
    await signIn(page, cfg.username, cfg.password);
    await heading(page, 'Integration checklist');
    await page.getByText('Harbor Unified').first().waitFor();
    await page.locator('section[aria-labelledby^="step-"]').first().waitFor({ timeout: 20000 });
    if (!page.url().includes(`/districts/${HARBOR}`)) throw new Error(`expected Harbor's dashboard, got ${page.url()}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  await step(run, 'district-settings-saved', page, async () => {
    await openStep('settings', 'District settings');
    await page.getByLabel('Nightly sync window ends').fill('03:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectNotification(page, 'District settings saved.');
  });

  await step(run, 'safety-settings-saved', page, async () => {
    await openStep('safety', 'Safety settings');
    // The stored settings come back as they were (every field, the hidden ones too): saved unchanged, the server accepts them.
    await page.getByRole('textbox', { name: /^People: share removed/ }).waitFor({ timeout: 15000 });
    await page.getByRole('region', { name: 'Matching people to existing accounts' }).getByRole('listitem').first().waitFor();
    await page.getByRole('button', { name: 'Save safety settings' }).click();
    await expectNotification(page, 'Safety settings saved. The next sync is judged by them.');
  });

  await step(run, 'audit-trail', page, async () => {
    await openStep('audit', 'Audit trail');
    await page.getByText(/nightlyWindow/).first().waitFor({ timeout: 15000 });
  });

  // ---- 1. Credentials: the sandbox SIS's OneRoster 1.1 API with OAuth 2 ---------------------------------------------
  await step(run, 'credentials-validated', page, async () => {
    await openStep('credentials', 'Credentials');
    await page.getByRole('textbox', { name: 'SIS address' }).fill(`${cfg.sandboxUrl}/ims/oneroster/v1p1`);
    await page.getByRole('textbox', { name: 'Client id' }).fill(cfg.sandboxClientId);
    await page.getByLabel('Client secret').fill(cfg.sandboxClientSecret);
    await page.getByText('OAuth 2', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Token address' }).fill(`${cfg.sandboxUrl}/oauth/token`);
    await page.getByRole('button', { name: 'Save and check' }).click();
    await expectNotification(page, /Connected to .+, 2 schools found\./, 30000);
    await page.getByRole('status').filter({ hasText: /^Connected/ }).first().waitFor();
    await page.getByText(/A secret is set, ending …cret/).waitFor();
  });

  // ---- 2. Schools: load them from the SIS and include both ---------------------------------------------------------
  await step(run, 'schools-included', page, async () => {
    await openStep('schools', 'Schools');
    await page.getByRole('button', { name: 'Load schools from your SIS' }).first().click();
    await expectNotification(page, /Loaded 2 schools from your SIS/);
    await page.getByRole('button', { name: 'Include all schools' }).click();
    await expectNotification(page, 'Including every school: 2 changed, 2 schools included in total.');
    if ((await page.getByRole('cell', { name: 'Included', exact: true }).count()) !== 2) throw new Error('both schools should read Included');
  });

  // ---- 3. Courses: load them, a rule for every math course, one more by hand ---------------------------------------
  await step(run, 'courses-rule-and-one-by-hand', page, async () => {
    await openStep('courses', 'Courses');
    await page.getByRole('button', { name: 'Load courses from your SIS' }).first().click();
    await expectNotification(page, /Loaded \d+ courses from your SIS/);
    await dismissNotifications(page);
    const rules = page.getByRole('form', { name: 'Add a course rule' });
    await rules.getByRole('textbox', { name: 'Match' }).or(rules.getByRole('combobox', { name: 'Match' })).first().click();
    await page.getByRole('option', { name: 'Course code' }).click();
    await rules.getByRole('textbox', { name: 'Pattern' }).fill('MATH-*');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expectNotification(page, /Rule added: it matches 10 courses now\./);
    await page.getByRole('button', { name: 'Remove the rule MATH-*' }).waitFor();
    await page.getByRole('textbox', { name: 'Search courses' }).fill('English Language Arts Grade 09');
    await page.getByRole('button', { name: 'Include English Language Arts Grade 09' }).click();
    await page.getByRole('button', { name: 'Leave out English Language Arts Grade 09' }).waitFor({ timeout: 15000 });
    await page.getByRole('textbox', { name: 'Search courses' }).fill('');
  });

  // ---- 4. Support staff add the products and the district's pools (admins cannot edit the catalogue) ----------------
  const support = await browser.newContext(contextOptions);
  const sp = await support.newPage();
  sp.on('pageerror', (e) => console.log(`    (page error, support) ${e.message}`));
  await step(run, 'support-districts', sp, async () => {
    await sp.goto(base);
    await signIn(sp, cfg.supportUsername, cfg.supportPassword);
    await heading(sp, 'Districts');
    await sp.getByRole('link', { name: 'Lakeside County Schools' }).waitFor();
  });

  const addProduct = async (product) => {
    await dismissNotifications(sp);
    await sp.getByRole('button', { name: 'Add a product' }).click();
    const dialog = sp.getByRole('dialog', { name: 'Add a product' });
    await dialog.getByRole('textbox', { name: 'SKU' }).fill(product.sku);
    await dialog.getByRole('textbox', { name: 'Title' }).fill(product.title);
    await dialog.getByRole('textbox', { name: 'Edition' }).or(dialog.getByRole('combobox', { name: 'Edition' })).first().click();
    await sp.getByRole('option', { name: product.edition }).click();
    await dialog.getByRole('button', { name: 'Save product' }).click();
    await expectNotification(sp, `${product.title} saved.`);
    await sp.getByRole('cell', { name: product.sku }).waitFor();
  };
  const addPool = async (product, seats, mode) => {
    await dismissNotifications(sp);
    await sp.getByRole('button', { name: 'Add a license pool' }).click();
    const dialog = sp.getByRole('dialog', { name: 'Add a license pool' });
    await dialog.getByRole('textbox', { name: 'Product' }).or(dialog.getByRole('combobox', { name: 'Product' })).first().click();
    await sp.getByRole('option', { name: new RegExp(product.sku) }).click();
    await dialog.getByRole('textbox', { name: 'Seats' }).fill(String(seats));
    await dialog.getByLabel('First day').fill(poolStart);
    await dialog.getByLabel('Last day').fill(poolEnd);
    await dialog.getByRole('textbox', { name: /Purchase order/ }).click();
    await dialog.getByText(mode === 'MANUAL' ? 'Hand only (manual)' : 'The nightly sync (rostered)').click();
    await dialog.getByRole('button', { name: 'Save pool' }).click();
    await expectNotification(sp, `Pool for ${product.title} saved: ${seats} ${seats === 1 ? 'seat' : 'seats'}.`);
  };

  await step(run, 'support-adds-products-and-pools', sp, async () => {
    await sp.goto(`${base}/districts/${HARBOR}/licenses`);
    await heading(sp, 'Licenses');
    await addProduct(MATH_TE);
    await addProduct(MATH_SE);
    // Bought seats, filled by hand until the district is ready: the admin switches them to rostered later.
    await addPool(MATH_TE, MATH_TE.seats, 'MANUAL');
    await addPool(MATH_SE, MATH_SE.seats, 'MANUAL');
    await sp.getByText(`0 of ${MATH_SE.seats} used, ${MATH_SE.seats} left`).waitFor();
  });

  // ---- 5. Licenses: map the included courses to the teacher and the student edition --------------------------------
  await step(run, 'licenses-courses-mapped', page, async () => {
    await openStep('licenses', 'Licenses');
    const mapping = page.getByRole('region', { name: 'Courses and their licenses' });
    await mapping.getByText(/Showing 1–11 of 11 included courses/).waitFor({ timeout: 15000 });
    for (const box of await mapping.getByRole('checkbox', { name: /^Select / }).all()) await box.check();
    await mapping.getByLabel('Licenses for the 11 selected courses').click();
    await page.getByRole('option', { name: new RegExp(MATH_TE.sku) }).click();
    await page.getByRole('option', { name: new RegExp(MATH_SE.sku) }).click();
    await page.keyboard.press('Escape');
    await mapping.getByRole('button', { name: 'Add to selected' }).click();
    await expectNotification(page, '11 courses mapped: 22 licenses added, 0 removed.');
  });

  // ---- 6. Term dates: keep the fall term's access two weeks longer, picked in the calendar ---------------------------
  await step(run, 'term-dates-freeze-end-picked', page, async () => {
    await openStep('term-dates', 'Term dates');
    await page.getByRole('button', { name: 'Load terms from your SIS' }).first().click();
    await expectNotification(page, /Loaded 3 terms from your SIS/);
    await dismissNotifications(page);
    const fall = `Fall ${schoolYear - 1} Semester`;
    await page.getByRole('textbox', { name: `Freeze end for ${fall}` }).click();
    // The calendar opens on the month the term ends (Jan 15); move nothing, pick the 29th.
    await page.getByRole('button', { name: 'Pick another month' }).filter({ hasText: `January ${schoolYear}` }).waitFor();
    await page.getByRole('button', { name: `29 January ${schoolYear}` }).click();
    if ((await page.getByRole('textbox', { name: `Freeze end for ${fall}` }).inputValue()) !== `Jan 29, ${schoolYear}`) {
      throw new Error('the picked day is not in the freeze end field');
    }
    await page.getByRole('button', { name: `Save dates for ${fall}` }).click();
    await expectNotification(page, `Dates for ${fall} saved.`);
    await page.getByRole('cell', { name: `Aug 15, ${schoolYear - 1} – Jan 29, ${schoolYear}` }).waitFor();
  });

  // ---- 7. License pools: switch both to rostered, so the nightly sync fills them --------------------------------------
  await step(run, 'license-pools-rostered', page, async () => {
    await openStep('licenses', 'Licenses');
    for (const product of [MATH_TE, MATH_SE]) {
      await dismissNotifications(page);
      await page.getByRole('button', { name: `Edit the pool for ${product.title}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit the license pool' });
      await dialog.getByText('The nightly sync (rostered)').click();
      await dialog.getByRole('button', { name: 'Save pool' }).click();
      await expectNotification(page, `Pool for ${product.title} saved: ${product.seats} seats.`);
    }
    const pools = page.getByRole('region', { name: 'License pools' });
    if ((await pools.getByRole('cell', { name: 'Rostered', exact: true }).count()) !== 2) throw new Error('both pools should read Rostered');
  });

  // ---- 8. Manual Import: the worker reads the sandbox; the page follows it live ----------------------------------------
  await step(run, 'imports-manual-import-progress', page, async () => {
    await openStep('imports', 'Imports');
    await page.getByRole('button', { name: 'Manual Import' }).click();
    // Whatever live state the page is in when we look (waiting for the worker, reading, or already staged): no reload.
    await page.getByRole('status').filter({ hasText: /Waiting for a worker|Reading|users|enrollments|classes|This page updates by itself/ })
      .or(page.getByText('What the import changes')).first().waitFor({ timeout: 20000 });
  });

  const importRegion = page.getByRole('region', { name: /^Manual import of / });
  await step(run, 'imports-staged-results', page, async () => {
    await page.getByText('What the import changes').waitFor({ timeout: 90000 });
    await importRegion.getByText('Ready to review', { exact: true }).waitFor();
    await page.getByRole('row', { name: /^People \d+ 0 0 0 \d+$/ }).waitFor();
    await page.getByRole('region', { name: 'Classes' }).getByText(/Showing 1–25 of \d+ classes/).waitFor({ timeout: 15000 });
  });

  await step(run, 'imports-class-roster-by-classid', page, async () => {
    const lookup = page.getByRole('form', { name: 'Open a class roster by ClassId' });
    await lookup.getByRole('textbox', { name: 'ClassId' }).fill('cls-000001');
    await lookup.getByRole('button', { name: 'Open roster' }).click();
    const roster = page.getByRole('dialog', { name: 'Roster of cls-000001' });
    await roster.getByRole('cell', { name: 'teacher', exact: true }).first().waitFor({ timeout: 15000 });
    if ((await roster.getByRole('cell', { name: 'student', exact: true }).count()) < 10) throw new Error('a cohort of 25 students expected');
  });

  let gains = 0;
  await step(run, 'imports-license-plan', page, async () => {
    await page.keyboard.press('Escape');
    const plan = page.getByRole('region', { name: 'License plan' });
    await plan.getByRole('row', { name: new RegExp(`^${MATH_SE.title}`) }).waitFor({ timeout: 30000 });
    const tab = await plan.getByRole('tab', { name: /^Gain a license \(\d+\)$/ }).textContent();
    gains = Number(/\((\d+)\)/.exec(tab)[1]);
    if (gains < 100) throw new Error(`expected the students of the math classes to gain licenses, got ${gains}`);
  });

  await step(run, 'imports-marked-reviewed', page, async () => {
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    const confirm = page.getByRole('dialog', { name: 'Mark this import reviewed?' });
    await confirm.getByText(/It does not change any roster or license/).waitFor();
    await confirm.getByRole('button', { name: 'Yes, mark reviewed' }).click();
    await expectNotification(page, 'Import marked reviewed: the checklist step “Import and review” is done.', 15000);
    await importRegion.getByRole('status').filter({ hasText: /Marked reviewed by / }).waitFor();
    await dismissNotifications(page);
  });

  await step(run, 'imports-licenses-synced', page, async () => {
    await page.getByRole('button', { name: 'Sync Licenses' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sync licenses now?' });
    await confirm.getByText(`${gains} licenses given`).waitFor();
    await confirm.getByRole('button', { name: 'Yes, sync licenses' }).click();
    await expectNotification(page, 'Licenses synced: the roster and the license assignments are now live.', 60000);
    await importRegion.getByText('Licenses synced', { exact: true }).first().waitFor();
    await page.getByRole('region', { name: 'What this sync changed' }).waitFor({ timeout: 20000 });
  });

  await step(run, 'why-lookup', page, async () => {
    await dismissNotifications(page);
    await page.getByRole('region', { name: 'What this sync changed' }).getByRole('link', { name: /^Why .+ and / }).first().click();
    await page.getByRole('status').filter({ hasText: /can use .+ today/ }).first().waitFor({ timeout: 15000 });
    await page.getByText('Assignment: in place').waitFor();
  });

  // ---- 9. Readiness review: every finding with its fix; acknowledge what is expected -----------------------------------
  await step(run, 'readiness-review', page, async () => {
    await openStep('readiness', 'Readiness review');
    await page.getByRole('status').filter({ hasText: /blocking finding|No blocking finding left/ }).first().waitFor({ timeout: 30000 });
    await page.getByText('Suggested fix:').first().waitFor();
    // The sandbox's spring term has not started: advice the admin acknowledges as expected.
    const advice = page.getByRole('region', { name: /^Terms that have not started/ });
    await advice.getByRole('button', { name: /^Acknowledge/ }).click();
    await expectNotification(page, 'Terms that have not started: acknowledged.');
    await advice.getByText('Acknowledged', { exact: true }).waitFor();
    // Anything blocking is acknowledged the same way (the sandbox roster has none; a finding here would be listed).
    for (const button of await page.getByRole('button', { name: /^Acknowledge: / }).all()) {
      console.log(`    acknowledging: ${(await button.getAttribute('aria-label')).replace('Acknowledge: ', '')}`);
      await button.click();
    }
    await page.getByRole('status', { name: 'No blocking finding left' }).waitFor({ timeout: 15000 });
    // The account match queue loads from the real API (the sandbox roster usually leaves it empty).
    await page.getByRole('region', { name: 'People waiting for an account match' })
      .getByText(/^(No one is waiting|Showing \d+–\d+ of \d+ people waiting)$/).first().waitFor({ timeout: 15000 });
  });

  // ---- 10. Schedule: what changes tonight for Harbor, then go live ----------------------------------------------------
  await step(run, 'schedule-go-live-confirmation', page, async () => {
    await openStep('schedule', 'Schedule');
    const goLive = page.getByRole('button', { name: 'Go live…' });
    // The page shows one of the two once the schedule has loaded.
    await page.getByRole('button', { name: /^(Go live…|Preview what changes tonight…)$/ }).waitFor({ timeout: 15000 });
    if (!(await goLive.isVisible())) {
      await page.getByRole('button', { name: 'Preview what changes tonight…' }).click();
      const waits = await page.getByRole('dialog', { name: 'What going live would change' })
        .getByRole('status', { name: 'Going live waits for these steps' }).getByRole('listitem').allTextContents();
      throw new Error(`every step was walked, yet going live waits for: ${waits.join('; ')}`);
    }
    await goLive.click();
    const dialog = page.getByRole('dialog', { name: 'Go live tonight?' });
    const tonight = dialog.getByRole('region', { name: 'What changes tonight in Harbor Unified' });
    await tonight.getByText(/Your last sync \(manual import, applied .+\) is what is live now/).waitFor({ timeout: 20000 });
    await tonight.getByText(`${gains} people gain a license`, { exact: false }).waitFor();
    await tonight.getByRole('row', { name: new RegExp(`^${MATH_SE.title} \\d+ ${MATH_SE.seats}$`) }).waitFor();
    await dialog.getByRole('button', { name: 'Go live' }).click();
    await expectNotification(page, /Live: the first nightly sync runs tonight/);
    await page.getByText('Live', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Pause nightly syncs' }).waitFor();
  });

  await step(run, 'dashboard-after-sync', page, async () => {
    await page.keyboard.press('Escape');
    await dismissNotifications(page);
    await nav.getByRole('link', { name: /^Dashboard/ }).click();
    await heading(page, 'Integration checklist');
    await page.getByRole('region', { name: 'Last Roster Import' }).getByText('Licenses synced').waitFor({ timeout: 20000 });
    // Live with the nightly window open (00:00–02:00 in Los Angeles), the daemon may already have run tonight's sync.
    await page.getByRole('region', { name: 'Last License Sync' }).getByText(/^(Manual import|Nightly sync), applied /).waitFor();
    for (const done of ['Connect your student information system', 'Choose schools', 'Choose courses', 'Map licenses to courses', 'License pool', 'Readiness review']) {
      await page.getByRole('region', { name: new RegExp(`^\\d+\\. ${done}$`) }).getByText('Done', { exact: true }).waitFor({ timeout: 10000 });
    }
    await page.getByRole('region', { name: 'Schedule' }).getByText('Live', { exact: true }).waitFor();
  });

  await step(run, 'dashboard-view-last-import', page, async () => {
    await page.getByRole('link', { name: 'View the last roster import' }).click();
    await page.waitForURL(`**/districts/${HARBOR}/imports?run=*`);
    await page.getByRole('region', { name: 'What this sync changed' }).waitFor({ timeout: 15000 });
  });

  // A RESYNC that finds nothing changed keeps every license as it is (the allocation is not recomputed) and says so.
  await step(run, 'imports-resync-keeps-licenses', page, async () => {
    await dismissNotifications(page);
    await page.getByRole('button', { name: 'RESYNC', exact: true }).click();
    await expectNotification(page, 'Full resync started.');
    const changed = page.getByRole('region', { name: 'What this sync changed' });
    await changed.getByText(/Nothing the licenses depend on changed since an earlier sync/).waitFor({ timeout: 90000 });
    await changed.getByRole('tab', { name: 'Gain a license (0)' }).waitFor();
  });

  await step(run, 'no-access-to-lakeside', page, async () => {
    await page.goto(`${base}/districts/${LAKESIDE}`);
    await heading(page, "You don't have access to this district");
  });

  await step(run, 'signed-out', page, async () => {
    await page.getByRole('link', { name: 'Go to my district' }).click();
    await heading(page, 'Integration checklist');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'You have signed out');
  });

  // ---- Support staff: switch districts; a sticky license in Lakeside, and "No seat left" for the next one --------------
  await step(run, 'support-switches-district', sp, async () => {
    await sp.goto(`${base}/districts/${HARBOR}`);
    await heading(sp, 'Integration checklist');
    await sp.getByRole('combobox', { name: 'Switch district' }).click();
    await sp.getByRole('option', { name: 'Lakeside County Schools' }).click();
    await sp.waitForURL(`**/districts/${LAKESIDE}`);
    await sp.getByText('Lakeside County Schools').first().waitFor();
  });

  const sticky = { sku: `E2E-ALG1-TE-${suffix}`, title: 'Algebra I Teacher Edition (e2e)', edition: 'Teacher edition' };
  await step(run, 'support-one-seat-pool-in-lakeside', sp, async () => {
    await sp.goto(`${base}/districts/${LAKESIDE}/licenses`);
    await heading(sp, 'Licenses');
    await addProduct(sticky);
    await addPool(sticky, 1, 'ROSTERED');
    await sp.getByText('0 of 1 used, 1 left').waitFor({ timeout: 15000 });
    await sp.getByText('Covers today').first().waitFor();
  });

  const manualAccount = async (first, last, email, login) => {
    await sp.getByRole('textbox', { name: 'First name' }).fill(first);
    await sp.getByRole('textbox', { name: 'Last name' }).fill(last);
    await sp.getByRole('textbox', { name: /^Email/ }).fill(email);
    await sp.getByRole('textbox', { name: /^Sign-in name/ }).fill(login);
  };
  await step(run, 'support-gives-sticky-license', sp, async () => {
    await sp.goto(`${base}/districts/${LAKESIDE}/sticky-licenses`);
    await heading(sp, 'Sticky licenses');
    await sp.getByText('Someone not in the roster').click();
    await manualAccount('Dana', 'Reyes', 'dreyes@lakeside.k12.wa.us', 'dreyes');
    await sp.getByText(/Gives Algebra I Teacher Edition \(e2e\) \(1 seat left\)/).waitFor({ timeout: 15000 });
    await sp.getByRole('button', { name: 'Give sticky licenses' }).click();
    await sp.getByRole('row', { name: /Dana Reyes/ }).waitFor({ timeout: 15000 });
  });

  await step(run, 'support-sticky-no-seat-left', sp, async () => {
    await manualAccount('Eli', 'Stone', 'estone@lakeside.k12.wa.us', 'estone');
    await sp.getByRole('button', { name: 'Give sticky licenses' }).click();
    await sp.getByRole('alert').filter({ hasText: 'No seat left' }).waitFor({ timeout: 15000 });
  });
}

// No stack named (npm run e2e by hand): start the browser tests' stack with dev-stack for this run.
const stackGiven = process.env.E2E_API_URL || process.env.E2E_OIDC_AUTHORITY || process.env.E2E_BASE_URL;
if (!stackGiven) {
  const launcher = join(root, '../dev-stack/target/dev-stack.jar');
  if (!existsSync(launcher)) {
    console.error('e2e: no stack given (E2E_API_URL...) and dev-stack is not built: ./mvnw -B -ntp -pl dev-stack,roster-api,sis-sandbox,sync-worker -am package -DskipTests');
    process.exit(1);
  }
  console.log('e2e: no stack given; starting one with dev-stack --ephemeral (Keycloak, roster-api, sandbox SIS, sync-worker)');
  const started = spawnSync('java', ['-jar', launcher, '--ephemeral', '--exec', 'sh', '-c', 'cd web-ui && node e2e/run.mjs'], { cwd: join(root, '..'), stdio: 'inherit' });
  process.exit(started.status ?? 1);
}

try {
  await main();
} catch (e) {
  run.failed += 1;
  console.error(`✗ e2e could not run: ${e?.message ?? e}`);
}
await finish(run, browser, 'e2e');
