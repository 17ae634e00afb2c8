import { Container } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';

/** Last line of defence: even an unexpected failure ends in plain words and a button, never a blank page. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </Container>
  );
}
