import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './index.css';
import { configureEnv, loadRuntimeEnv } from './config/env';

// The API and OIDC addresses come from /config.json at start (see config/env.ts); the app's modules (API client,
// OIDC UserManager) read them when they load, so they are imported only once the configuration is in place.
async function boot() {
  const root = document.getElementById('root')!;
  try {
    configureEnv(await loadRuntimeEnv());
  } catch (e) {
    // No React yet: a plain, readable page for whoever deployed the SPA.
    const title = document.createElement('h1');
    title.textContent = 'Rosterline could not start';
    const detail = document.createElement('pre');
    detail.style.whiteSpace = 'pre-wrap';
    detail.textContent = e instanceof Error ? e.message : String(e);
    const main = document.createElement('main');
    main.style.cssText = 'font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem';
    main.append(title, detail);
    root.replaceChildren(main);
    throw e;
  }
  const [{ StrictMode, createElement }, { createRoot }, { App }] = await Promise.all([
    import('react'),
    import('react-dom/client'),
    import('./app'),
  ]);
  createRoot(root).render(createElement(StrictMode, null, createElement(App)));
}

void boot();
