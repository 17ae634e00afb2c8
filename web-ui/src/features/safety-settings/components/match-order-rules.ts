import { ApiError } from '@/lib/problem';

export const RULE_LABELS: Record<string, string> = {
  SOURCED_ID: 'The SIS record id',
  IDENTIFIER: 'The SIS identifier (for example the student number)',
  EMAIL: 'Email address',
  LOGIN: 'Sign-in name',
};
export const ruleLabel = (rule: string) => RULE_LABELS[rule] ?? rule;

/**
 * rosterline.sync.match-order's default: the standard order when roster-api does not say which one the deployment uses
 * (SafetySettings.standardAccountMatchOrder; an older API).
 */
export const STANDARD_ORDER = ['SOURCED_ID', 'IDENTIFIER', 'EMAIL', 'LOGIN'];

/**
 * The rules an admin may move or leave out. SOURCED_ID is not one of them: roster-api accepts it only first
 * (AccountMatcher.problem), and the matcher tries it before every other rule whether the order names it or not, so
 * leaving it out would change nothing.
 */
export const MOVABLE_RULES = ['IDENTIFIER', 'EMAIL', 'LOGIN'];

/** What an order means to the matcher: the movable rules it tries after the SIS record id, and those it leaves out. */
export function readOrder(order: string[] | null, standard: string[] = STANDARD_ORDER): { tried: string[]; leftOut: string[] } {
  // roster-api stores only orders it accepts; known rules, each once, are all that is kept even so.
  const tried = [...new Set(order ?? standard)].filter((rule) => MOVABLE_RULES.includes(rule));
  return { tried, leftOut: MOVABLE_RULES.filter((rule) => !tried.includes(rule)) };
}

/**
 * The order sent for the movable rules an admin arranged: SOURCED_ID first, each rule once, never empty — so an order
 * built here is always one roster-api accepts.
 */
const toOrder = (tried: string[]) => ['SOURCED_ID', ...tried];

export function move(order: string[] | null, rule: string, by: -1 | 1, standard: string[] = STANDARD_ORDER): string[] {
  const tried = [...readOrder(order, standard).tried];
  const from = tried.indexOf(rule);
  const to = from + by;
  if (from < 0 || to < 0 || to >= tried.length) return toOrder(tried);
  [tried[from], tried[to]] = [tried[to], tried[from]];
  return toOrder(tried);
}

export const leaveOut = (order: string[] | null, rule: string, standard: string[] = STANDARD_ORDER): string[] =>
  toOrder(readOrder(order, standard).tried.filter((r) => r !== rule));

/** A rule put back is tried last; the admin moves it up from there. */
export function putBack(order: string[] | null, rule: string, standard: string[] = STANDARD_ORDER): string[] {
  const { tried } = readOrder(order, standard);
  return toOrder(tried.includes(rule) ? tried : [...tried, rule]);
}

/**
 * The server's problem with the order, in words next to the section: it names the field accountMatchOrder, or
 * accountMatchOrder[i] for the rule at index i of the order that was sent (possibly behind a bean path prefix).
 */
export function matchOrderError(error: unknown, sent: string[] | null | undefined): string | null {
  if (!(error instanceof ApiError)) return null;
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const hit = /(?:^|\.)accountMatchOrder(?:\[(\d+)\])?$/.exec(path);
    if (!hit) continue;
    if (hit[1] === undefined) return message;
    const index = Number(hit[1]);
    const rule = sent?.[index];
    return `Rule ${index + 1}${rule ? ` (${ruleLabel(rule)})` : ''}: ${message}`;
  }
  return null;
}
