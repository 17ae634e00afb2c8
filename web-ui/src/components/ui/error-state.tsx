import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { signInAgain } from '@/lib/auth';
import { toPlainError } from '@/lib/problem';

/** A failed load, in plain words, with the one thing the admin can do about it. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const plain = toPlainError(error);
  return (
    <Alert color={plain.nextStep === 'go-home' ? 'orange' : 'red'} title={plain.title} role="alert" variant="light">
      <Stack gap="sm">
        <Text size="sm">{plain.message}</Text>
        <Group gap="sm">
          {plain.nextStep === 'sign-in' && (
            <Button size="xs" onClick={() => void signInAgain()}>
              Sign in again
            </Button>
          )}
          {(plain.nextStep === 'retry' || plain.nextStep === 'fix-fields' || plain.nextStep === 'contact-support') &&
            onRetry && (
              <Button size="xs" variant="light" onClick={onRetry}>
                Try again
              </Button>
            )}
          {plain.nextStep === 'go-home' && (
            <Button size="xs" variant="light" component={Link} to={paths.home}>
              Go to my district
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
