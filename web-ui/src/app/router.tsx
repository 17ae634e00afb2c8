import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { paths } from '@/config/paths';
import { AuthCallback, NotFound, RequireAuth, SignedOut } from './routes/auth';
import { DistrictLayout } from './routes/district-layout';
import { HomeRedirect } from './routes/home';
import { RouteError } from './routes/route-error';

// Each screen is its own chunk: an admin who only checks the dashboard never downloads the import screens.
const page = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  { path: paths.authCallback, element: <AuthCallback /> },
  { path: paths.signedOut, element: <SignedOut /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'admin/districts', ...page(() => import('./routes/admin-districts')) },
      {
        path: 'districts/:districtId',
        element: <DistrictLayout />,
        errorElement: <RouteError />,
        children: [
          { index: true, ...page(() => import('./routes/dashboard')) },
          { path: 'settings', ...page(() => import('./routes/district-settings')) },
          { path: 'credentials', ...page(() => import('./routes/credentials')) },
          { path: 'schools', ...page(() => import('./routes/schools')) },
          { path: 'courses', ...page(() => import('./routes/courses')) },
          { path: 'licenses', ...page(() => import('./routes/licenses')) },
          { path: 'term-dates', ...page(() => import('./routes/term-dates')) },
          { path: 'sticky-licenses', ...page(() => import('./routes/sticky-licenses')) },
          { path: 'imports', ...page(() => import('./routes/imports')) },
          { path: 'readiness', ...page(() => import('./routes/readiness')) },
          { path: 'schedule', ...page(() => import('./routes/schedule')) },
          { path: 'safety', ...page(() => import('./routes/safety-settings')) },
          { path: 'audit', ...page(() => import('./routes/audit')) },
          { path: 'notifications', ...page(() => import('./routes/notifications')) },
        ],
      },
    ],
  },
  { path: '*', element: <NotFound /> },
];

export function AppRouter() {
  const router = useMemo(() => createBrowserRouter(routes), []);
  return <RouterProvider router={router} />;
}
