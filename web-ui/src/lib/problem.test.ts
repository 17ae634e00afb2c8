import { describe, expect, it } from 'vitest';
import { NetworkError, problemToError, toPlainError } from './problem';

describe('plain-language errors', () => {
  it('keeps the API’s field errors by full path and by field name', () => {
    const e = problemToError(400, {
      type: 'https://rosterline.io/problems/validation',
      title: 'Some fields are not valid',
      status: 400,
      detail: 'Check the highlighted fields and try again.',
      errors: [{ field: 'create.body.timezone', message: "'Mars/Olympus' is not a known time zone" }],
    });
    expect(e.fieldErrors).toEqual({
      'create.body.timezone': "'Mars/Olympus' is not a known time zone",
      timezone: "'Mars/Olympus' is not a known time zone",
    });
    expect(toPlainError(e)).toEqual({
      title: 'Some details need fixing',
      message: 'Check the highlighted fields and try again.',
      nextStep: 'fix-fields',
    });
  });

  it.each([
    [401, 'Your sign-in has expired', 'sign-in'],
    [403, "You don't have access to this district", 'go-home'],
    [404, "We couldn't find that", 'go-home'],
    [503, 'Something went wrong on our side', 'retry'],
  ])('a %i reads as “%s” with next step %s', (status, title, nextStep) => {
    const plain = toPlainError(problemToError(status, undefined, 'Whatever'));
    expect(plain.title).toBe(title);
    expect(plain.nextStep).toBe(nextStep);
  });

  it('a network failure asks to check the connection', () => {
    expect(toPlainError(new NetworkError(new TypeError('fetch failed'))).title).toBe("We couldn't reach Rosterline");
  });
});
