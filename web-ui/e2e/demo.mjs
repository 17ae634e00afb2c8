#!/usr/bin/env node
// The run command's browser check (issue 8's "done when"): against the stack scripts/run-local starts — here
// `java -jar dev-stack/target/dev-stack.jar --fresh --exec sh -c 'cd web-ui && npm run e2e:demo'`, the same local
// run on a throw-away database and free ports — a browser signs in on Keycloak as harbor-admin, through the web UI the
// launcher serves (Vite, E2E_BASE_URL), and sees the demo district's dashboard half-way through the checklist, as
// dev-stack seeded it through the API. Screenshots in test-results/demo/.
import { join } from 'node:path';
import { HARBOR, cfg, createRun, finish, heading, launchBrowser, requireStack, root, signIn, step } from './lib.mjs';

const run = createRun(join(root, 'test-results/demo'));
let browser;

async function main() {
  await requireStack();
  if (!cfg.baseUrl) throw new Error('E2E_BASE_URL is not set: run this through dev-stack --fresh (or against scripts/run-local with E2E_BASE_URL=http://localhost:5173).');
  if (process.env.E2E_SEEDED_DISTRICT && process.env.E2E_SEEDED_DISTRICT !== HARBOR) throw new Error(`unexpected seeded district ${process.env.E2E_SEEDED_DISTRICT}`);
  console.log(`e2e:demo: web ${cfg.baseUrl}, api ${cfg.apiUrl}, oidc ${cfg.authority}`);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`    (page error) ${e.message}`));

  await step(run, 'demo-keycloak-login', page, async () => {
    // The Vite dev server bundles its dependencies on the first visit: allow it a minute on a busy machine.
    await page.goto(cfg.baseUrl, { timeout: 120000 });
    await page.waitForSelector('#username', { timeout: 120000 });
  }, { a11y: false });

  await step(run, 'demo-dashboard-half-way', page, async () => {
    await signIn(page, cfg.username, cfg.password);
    await heading(page, 'Integration checklist', 60000);
    if (!page.url().includes(`/districts/${HARBOR}`)) throw new Error(`expected Harbor's dashboard, got ${page.url()}`);
    const tile = (title) => page.getByRole('region', { name: new RegExp(`^\\d+\\. ${title}$`) });
    // Seeded: the sandbox SIS connected, its schools and the MATH-*/ELA-* courses, teacher and student editions with
    // rostered pools, every included course mapped.
    await tile('Connect your student information system').getByText('Done', { exact: true }).waitFor({ timeout: 30000 });
    await tile('Connect your student information system').getByText(/^Connected to .+, \d+ schools$/).waitFor();
    for (const done of ['Choose schools', 'Choose courses', 'Map licenses to courses', 'License pool']) {
      await tile(done).getByText('Done', { exact: true }).waitFor();
    }
    await tile('Choose courses').getByText(/courses included \(\d+ by rules\)/).waitFor();
    // Left for the person trying Rosterline: the import and its review, term dates, readiness, the schedule.
    await tile('Import and review').getByText('Not started', { exact: true }).first().waitFor();
    await tile('Term dates').getByText('No terms discovered yet').waitFor();
    await page.getByRole('region', { name: 'Last Roster Import' }).getByText('No roster import has run yet.').waitFor();
    await page.getByRole('region', { name: 'Schedule' }).getByText('Setting up').waitFor();
  });

  await step(run, 'demo-licenses-seeded', page, async () => {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('link', { name: /^Licenses/ }).click();
    await heading(page, 'Licenses');
    const pools = page.getByRole('region', { name: 'License pools' });
    await pools.getByText('Rosterline Math Student Edition').waitFor({ timeout: 20000 });
    if ((await pools.getByRole('cell', { name: 'Rostered', exact: true }).count()) !== 4) throw new Error('four rostered demo pools expected');
  });
}

try {
  await main();
} catch (e) {
  run.failed += 1;
  console.error(`✗ e2e:demo could not run: ${e?.message ?? e}`);
}
await finish(run, browser, 'e2e:demo');
