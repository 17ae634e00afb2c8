import axe from 'axe-core';
import { expect } from 'vitest';

/** Fails with the list of violations (rule, help text, offending markup) so a failure is easy to fix. */
export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, {
    // jsdom does not lay out or paint: colour contrast is checked in the browser end-to-end run instead.
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.html).slice(0, 3).join('\n  ')}`,
  );
  expect(summary).toEqual([]);
}
