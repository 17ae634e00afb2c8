import { ApiError } from './problem';

/**
 * Maps the API's field errors onto form fields. The API may prefix a field with its bean path
 * ("update.body.nightlyWindow.start"), so a form field matches any error whose path ends with it.
 */
export function fieldErrorsFor(error: unknown, formFields: string[]): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const entries = Object.entries(error.fieldErrors);
  for (const field of formFields) {
    const hit = entries.find(([path]) => path === field || path.endsWith(`.${field}`));
    if (hit) out[field] = hit[1];
  }
  return out;
}
