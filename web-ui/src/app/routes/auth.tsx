import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useAuth } from 'react-oidc-context';
import { Navigate, Outlet, useLocation } from 'react-router';
import { setUnauthorizedHandler } from '@/api/client';
import { LoadingState } from '@/components/ui/loading-state';
import { paths } from '@/config/paths';
import { signInAgain, type SignInState } from '@/lib/auth';

const LAST_AUTO_SIGNIN = 'rosterline.lastAutoSignIn';

/** Sends the admin to Keycloak once, automatically; a second 401 within a minute shows a button instead of looping. */
function autoSignIn(returnTo?: string) {
  const last = Number(sessionStorage.getItem(LAST_AUTO_SIGNIN) ?? 0);
  if (Date.now() - last < 60_000) return false;
  sessionStorage.setItem(LAST_AUTO_SIGNIN, String(Date.now()));
  void signInAgain(returnTo);
  return true;
}

export function RequireAuth() {
  const auth = useAuth();
  const location = useLocation();
  const started = useRef(false);
  const needsSignIn = !auth.isLoading && !auth.isAuthenticated && !auth.activeNavigator && !auth.error;

  useEffect(() => {
    if (needsSignIn && !started.current) {
      started.current = true;
      void signInAgain(location.pathname + location.search);
    }
  }, [needsSignIn, location.pathname, location.search]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      void auth.removeUser().then(() => autoSignIn());
    });
    return () => setUnauthorizedHandler(undefined);
  }, [auth]);

  if (auth.error) {
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title="We couldn't sign you in" role="alert">
          <Stack gap="sm">
            <Text size="sm">
              The sign-in service did not answer as expected. Wait a moment and try again; if it keeps happening, contact
              Rosterline support.
            </Text>
            <div>
              <Button size="xs" onClick={() => void signInAgain(location.pathname)}>
                Try signing in again
              </Button>
            </div>
          </Stack>
        </Alert>
      </Container>
    );
  }
  if (!auth.isAuthenticated) return <LoadingState label="Signing you in…" />;
  return <Outlet />;
}

export function AuthCallback() {
  const auth = useAuth();
  if (auth.error) return <Navigate to={paths.home} replace />;
  if (!auth.isAuthenticated) return <LoadingState label="Finishing sign-in…" />;
  const returnTo = (auth.user?.state as SignInState | undefined)?.returnTo;
  const safe = returnTo && returnTo.startsWith('/') && !returnTo.startsWith(paths.authCallback) ? returnTo : paths.home;
  return <Navigate to={safe} replace />;
}

export function SignedOut() {
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          You have signed out
        </Title>
        <Text>Sign in again to keep working on your district&apos;s integration settings.</Text>
        <div>
          <Button onClick={() => void signInAgain(paths.home)}>Sign in</Button>
        </div>
      </Stack>
    </Container>
  );
}

export function NotFound() {
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          We couldn&apos;t find that page
        </Title>
        <Text>The link may be old. Start again from your district&apos;s checklist.</Text>
        <div>
          <Button component="a" href={paths.home}>
            Go to my district
          </Button>
        </div>
      </Stack>
    </Container>
  );
}
