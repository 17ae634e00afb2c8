import { Anchor, AppShell, Burger, Button, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { useCurrentUser, userManager } from '@/lib/auth';

/**
 * The frame around every signed-in page: who is signed in, sign out, the district switcher (support staff),
 * API docs for integrators, and the checklist steps on the left. The app layer fills the slots with features.
 */
export function RosterlineShell({
  switcher,
  nav,
  children,
}: {
  switcher?: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure();
  const user = useCurrentUser();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={nav ? { width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {nav && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />}
            <Anchor component={Link} to={paths.home} underline="never" c="inherit">
              <Title order={2} size="h4">
                Rosterline
                <VisuallyHidden> home</VisuallyHidden>
              </Title>
            </Anchor>
            {switcher}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Anchor href={`${env.API_URL}/q/swagger-ui`} target="_blank" rel="noreferrer" size="sm">
              API documentation
            </Anchor>
            {user && (
              <Text size="sm" fw={500} data-testid="signed-in-user">
                {user.name}
              </Text>
            )}
            <Button
              variant="default"
              size="xs"
              onClick={() => void userManager.signoutRedirect().catch(() => userManager.removeUser())}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {nav && (
        <AppShell.Navbar p="sm" aria-label="Checklist steps" component="nav" onClick={close}>
          {nav}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
