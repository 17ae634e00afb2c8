import { Badge, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useParams } from 'react-router';
import { canAdministerDistrict, useMe } from '@/api/get-me';
import { RosterlineShell } from '@/components/layouts/app-shell';
import { ErrorState } from '@/components/ui/error-state';
import { ForbiddenPage } from '@/components/ui/forbidden';
import { LoadingState } from '@/components/ui/loading-state';
import { paths, stepPathForKey, type StepPath } from '@/config/paths';
import { DistrictContext } from '@/lib/district';
import { ApiError } from '@/lib/problem';
import { useChecklist } from '@/features/dashboard';
import { DistrictSwitcher, useDistrict } from '@/features/districts';
import { NotificationsNavLink } from '@/features/notifications';

/** The checklist steps in the order a district works through them. */
export const navSteps: { path: StepPath | ''; label: string }[] = [
  { path: '', label: 'Dashboard' },
  { path: 'settings', label: 'District settings' },
  { path: 'credentials', label: 'Credentials' },
  { path: 'schools', label: 'Schools' },
  { path: 'courses', label: 'Courses' },
  { path: 'licenses', label: 'Licenses' },
  { path: 'imports', label: 'Imports' },
  { path: 'term-dates', label: 'Term dates' },
  { path: 'sticky-licenses', label: 'Sticky licenses' },
  { path: 'readiness', label: 'Readiness review' },
  { path: 'schedule', label: 'Schedule' },
  { path: 'safety', label: 'Safety settings' },
  { path: 'audit', label: 'Audit trail' },
];

// Only states worth a glance get a dot; "not started" is the default and would be noise.
const STATE_COLORS: Record<string, string> = { DONE: 'green', NEEDS_ATTENTION: 'orange' };
const STATE_WORDS: Record<string, string> = { DONE: 'Done', NEEDS_ATTENTION: 'Needs attention', NOT_STARTED: 'Not started' };

export function DistrictLayout() {
  const { districtId = '' } = useParams();
  const me = useMe();
  const district = useDistrict(districtId);
  const isSupport = me.data?.support ?? false;
  // Notifications go to support staff and the district's admins; the API refuses integrators.
  const seesNotifications = canAdministerDistrict(me.data);

  const body = (() => {
    if (district.isPending) return <LoadingState label="Loading district…" />;
    if (district.isError) {
      if (district.error instanceof ApiError && district.error.status === 403) return <ForbiddenPage />;
      return <ErrorState error={district.error} onRetry={() => void district.refetch()} />;
    }
    return <Outlet />;
  })();

  const current = district.data
    ? { id: districtId, name: district.data.name ?? 'District', timezone: district.data.timezone }
    : { id: districtId, name: 'District' };

  return (
    <DistrictContext.Provider value={current}>
      <RosterlineShell
        switcher={isSupport ? <DistrictSwitcher currentId={districtId} /> : district.data && <Text fw={500}>{district.data.name}</Text>}
        nav={district.isSuccess ? <StepsNav districtId={districtId} isSupport={isSupport} seesNotifications={seesNotifications} /> : undefined}
      >
        {body}
      </RosterlineShell>
    </DistrictContext.Provider>
  );
}

function StepsNav({ districtId, isSupport, seesNotifications }: { districtId: string; isSupport: boolean; seesNotifications: boolean }) {
  const checklist = useChecklist(districtId);
  // A nav item shows the worst state of the checklist steps it covers.
  const stateByPath = useMemo(() => {
    const out: Record<string, string> = {};
    const rank = { NEEDS_ATTENTION: 2, NOT_STARTED: 1, DONE: 0 } as Record<string, number>;
    for (const step of checklist.data?.steps ?? []) {
      const p = stepPathForKey(step.key);
      if (!p || !step.state) continue;
      if (out[p] === undefined || rank[step.state] > rank[out[p]]) out[p] = step.state;
    }
    return out;
  }, [checklist.data]);

  return (
    <ScrollArea>
      <Stack gap={2}>
        {isSupport && (
          <NavLink component={Link} to={paths.adminDistricts} label="All districts" mb="xs" variant="subtle" />
        )}
        {navSteps.map((s) => {
          const state = s.path ? stateByPath[s.path] : undefined;
          const link = (
            <NavLink
              key={s.path}
              component={RouterNavLink}
              to={s.path ? paths.districtStep(districtId, s.path) : paths.district(districtId)}
              end
              label={s.label}
              rightSection={
                state && STATE_COLORS[state] ? (
                  <Group gap={4}>
                    <Badge size="xs" circle color={STATE_COLORS[state]} aria-hidden>
                      {' '}
                    </Badge>
                    <Text component="span" className="sr-only">
                      {STATE_WORDS[state]}
                    </Text>
                  </Group>
                ) : undefined
              }
            />
          );
          // Right under the dashboard: what needs a look comes before the setup steps.
          return s.path === '' && seesNotifications ? [link, <NotificationsNavLink key="notifications" districtId={districtId} />] : link;
        })}
      </Stack>
    </ScrollArea>
  );
}
