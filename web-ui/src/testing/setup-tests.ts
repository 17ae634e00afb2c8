import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './server';

// Lazy route chunks load on first visit; on a busy 2-core machine that can take more than the default second.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks these browser APIs that Mantine relies on.
const noop = () => {};
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: noop,
    removeListener: noop,
    addEventListener: noop,
    removeEventListener: noop,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe = noop;
  unobserve = noop;
  disconnect = noop;
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView = noop;
// Autosizing textareas listen for web fonts loading.
Object.defineProperty(document, 'fonts', { value: { addEventListener: noop, removeEventListener: noop, ready: Promise.resolve() } });
window.HTMLElement.prototype.scrollTo = noop as unknown as typeof HTMLElement.prototype.scrollTo;

// Any request a test did not expect fails the test: the UI must not call endpoints nobody planned for.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());
// axe-core probes canvas for icon fonts; jsdom has none, and a null context makes axe skip that probe quietly.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext;
