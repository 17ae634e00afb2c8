import { MantineProvider, Modal, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { UserManager } from 'oidc-client-ts';
import { useState, type ReactNode } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { userManager as defaultUserManager } from '@/lib/auth';
import { createQueryClient } from '@/lib/react-query';

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white-on-primary buttons and primary links above WCAG AA contrast.
  primaryShade: 8,
  defaultRadius: 'md',
  // People who ask their system for less motion get no fading dialogs and sliding notifications.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    // Mantine's dialog close button is an unnamed icon: screen readers would announce only "button".
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});

export function AppProvider({
  children,
  userManager = defaultUserManager,
  queryClient,
}: {
  children: ReactNode;
  userManager?: UserManager;
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <AuthProvider
        userManager={userManager}
        // Drop ?code=&state= from the address bar; the callback route then navigates to where the admin was going.
        onSigninCallback={() => window.history.replaceState({}, document.title, window.location.pathname)}
      >
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </AuthProvider>
    </MantineProvider>
  );
}
