import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problemToError } from '@/lib/problem';
import { expectNoAxeViolations } from '@/testing/axe';
import { renderRoutes } from '@/testing/test-utils';
import { ErrorState } from './error-state';

const renderError = (error: unknown) => renderRoutes([{ path: '/', element: <ErrorState error={error} onRetry={() => {}} /> }], '/');

describe('Error states always offer a next step', () => {
  it('given an expired sign-in (401), then it says so and offers to sign in again', async () => {
    const { container } = await renderError(problemToError(401, undefined, 'Unauthorized'));
    expect(await screen.findByText('Your sign-in has expired')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in again' })).toBeInTheDocument();
    expect(screen.queryByText(/401|Unauthorized/)).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('given a server failure (503), then it does not blame the admin and offers to try again', async () => {
    await renderError(problemToError(503, { title: 'Service Unavailable', status: 503 }));
    expect(await screen.findByText('Something went wrong on our side')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('given a refusal with a detail, then the API’s plain detail is shown', async () => {
    await renderError(
      problemToError(409, { title: 'Import already running', status: 409, detail: 'Wait for the running import to finish, then start another.' }),
    );
    expect(await screen.findByText('Import already running')).toBeInTheDocument();
    expect(screen.getByText('Wait for the running import to finish, then start another.')).toBeInTheDocument();
  });
});
