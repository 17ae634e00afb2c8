// Turns API failures (RFC 9457 problem+json) and network failures into plain language with a next step.
// District admins are not engineers: never show a stack trace, an HTTP code on its own, or "Bad Request".

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly fieldErrors: FieldErrors;

  constructor(init: { status: number; title: string; detail?: string; type?: string; fieldErrors?: FieldErrors }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.fieldErrors = init.fieldErrors ?? {};
  }
}

export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('Could not reach Rosterline', { cause });
    this.name = 'NetworkError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The API may name a field by its bean path ("request.nightlyWindowStart" or "create.arg1.name");
 * forms know fields by their property name, so the last segment is used as the key too.
 */
function collectFieldErrors(errors: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(errors)) return out;
  for (const e of errors) {
    if (!isRecord(e)) continue;
    const field = str(e.field) ?? str(e.name) ?? str(e.pointer);
    const message = str(e.message) ?? str(e.detail);
    if (!field || !message) continue;
    const short = field.replace(/^#?\//, '').split(/[./]/).pop() ?? field;
    out[field] ??= message;
    out[short] ??= message;
  }
  return out;
}

export function problemToError(status: number, body: unknown, statusText = ''): ApiError {
  if (isRecord(body)) {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : status,
      title: str(body.title) ?? (statusText || 'Request failed'),
      detail: str(body.detail),
      type: str(body.type),
      fieldErrors: collectFieldErrors(body.errors),
    });
  }
  return new ApiError({ status, title: statusText || 'Request failed', detail: str(body) });
}

export type PlainError = {
  title: string;
  message: string;
  /** What the admin can do next; the UI turns it into a button or a line of text. */
  nextStep: 'retry' | 'sign-in' | 'fix-fields' | 'go-home' | 'contact-support';
};

export function toPlainError(error: unknown): PlainError {
  if (error instanceof NetworkError || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return {
      title: "We couldn't reach Rosterline",
      message: 'Check your internet connection, then try again.',
      nextStep: 'retry',
    };
  }
  if (!(error instanceof ApiError)) {
    return {
      title: 'Something went wrong',
      message: 'Try again. If it keeps happening, contact Rosterline support.',
      nextStep: 'retry',
    };
  }
  const detail = error.detail;
  switch (true) {
    case error.status === 401:
      return {
        title: 'Your sign-in has expired',
        message: 'Sign in again to continue. Nothing you saved has been lost.',
        nextStep: 'sign-in',
      };
    case error.status === 403:
      return {
        title: "You don't have access to this district",
        message: detail ?? 'Ask your Rosterline support contact to give your account access.',
        nextStep: 'go-home',
      };
    case error.status === 404:
      return {
        title: "We couldn't find that",
        message: detail ?? 'It may have been archived or removed. Go back to the dashboard and pick it again.',
        nextStep: 'go-home',
      };
    case error.status === 400 || error.status === 422:
      return {
        title: Object.keys(error.fieldErrors).length ? 'Some details need fixing' : error.title,
        message: detail ?? 'Check the highlighted fields and save again.',
        nextStep: 'fix-fields',
      };
    case error.status === 409:
      return { title: error.title, message: detail ?? 'Reload the page to see the latest values, then try again.', nextStep: 'retry' };
    case error.status >= 500:
      return {
        title: 'Something went wrong on our side',
        message: 'Try again in a minute. If it keeps happening, contact Rosterline support.',
        nextStep: 'retry',
      };
    default:
      return { title: error.title, message: detail ?? 'Try again.', nextStep: 'retry' };
  }
}
