import { Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { paths } from '@/config/paths';
import { formatDate, formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { KIND_LABELS, lastLicenseSync, statusOf } from '@/lib/run-labels';
import { useRecentRuns, type CollectionCounts, type Run } from '../api/get-recent-runs';
import { useRequestResync } from '../api/request-resync';
import { useStickyCount } from '../api/get-sticky-count';
import { useTermOverrides } from '../api/get-term-overrides';

function Tile({ id, title, badge, children, actions }: { id: string; title: string; badge?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby={id} h="100%">
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5" id={id}>
            {title}
          </Title>
          {badge}
        </Group>
        {children}
        {actions && (
          <Group gap="xs" mt="auto">
            {actions}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function statusBadge(run: Run | undefined, loading: boolean) {
  if (loading) return <Badge variant="light">Loading…</Badge>;
  if (!run) return <Badge variant="light" color="gray">None yet</Badge>;
  const s = statusOf(run.status);
  return (
    <Badge variant="light" color={s.color}>
      {s.label}
    </Badge>
  );
}

function countsLine(run: Run) {
  const counts = (run.counts ?? null) as unknown as CollectionCounts | null;
  if (!counts) return null;
  const sum = (k: 'added' | 'changed' | 'removed') => Object.values(counts).reduce((n, c) => n + (c[k] ?? 0), 0);
  return `${sum('added')} added, ${sum('changed')} changed, ${sum('removed')} removed`;
}

/** Last Roster Import and Last License Sync, each with a way to open it; RESYNC re-reads everything and syncs. */
export function RunTiles() {
  const { id, timezone } = useCurrentDistrict();
  const runs = useRecentRuns(id);
  const resync = useRequestResync();
  const items = runs.data?.items ?? [];
  const lastImport = items[0];
  const lastSync = lastLicenseSync(items);
  const view = (run: Run) => `${paths.districtStep(id, 'imports')}?run=${run.id}`;
  return (
    <>
      <Tile id="tile-last-import" title="Last Roster Import" badge={statusBadge(lastImport, runs.isPending)}
        actions={
          lastImport ? (
            <Button component={Link} to={view(lastImport)} size="xs" variant="default" aria-label="View the last roster import">
              View
            </Button>
          ) : (
            <Button component={Link} to={paths.districtStep(id, 'imports')} size="xs" variant="default">
              Open imports
            </Button>
          )
        }
      >
        {lastImport ? (
          <>
            <Text size="sm">
              {KIND_LABELS[lastImport.kind ?? 'MANUAL_IMPORT']} of {formatDateTime(lastImport.createdAt, timezone)}
            </Text>
            {countsLine(lastImport) && <Text size="sm">{countsLine(lastImport)}</Text>}
            {lastImport.error && (
              <Text size="sm" c="red">
                {lastImport.error}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm">{runs.isError ? 'Could not load the imports.' : 'No roster import has run yet.'}</Text>
        )}
      </Tile>
      <Tile id="tile-last-sync" title="Last License Sync" badge={statusBadge(lastSync, runs.isPending)}
        actions={
          <>
            {lastSync && (
              <Button component={Link} to={view(lastSync)} size="xs" variant="default" aria-label="View the last license sync">
                View
              </Button>
            )}
            <Button
              size="xs"
              variant="light"
              loading={resync.isPending}
              onClick={() =>
                resync.mutate(id, {
                  onSuccess: () => notifySaved('Full resync started: every record is read again and the licenses are synced.'),
                  onError: (e) => notifyFailed('Starting the resync', e),
                })
              }
            >
              RESYNC
            </Button>
          </>
        }
      >
        <Text size="sm">
          {lastSync
            ? `${KIND_LABELS[lastSync.kind ?? 'SYNC_LICENSES']}, applied ${formatDateTime(lastSync.appliedAt ?? lastSync.createdAt, timezone)}.`
            : runs.isError
              ? 'Could not load the license syncs.'
              : 'Licenses have not been synced yet.'}
        </Text>
      </Tile>
    </>
  );
}

export function StickyTile() {
  const { id } = useCurrentDistrict();
  const count = useStickyCount(id);
  return (
    <Tile id="tile-sticky" title="Sticky Licenses"
      badge={<Badge variant="light">{count.isPending ? 'Loading…' : count.isError ? '—' : count.data}</Badge>}
      actions={
        <Button component={Link} to={paths.districtStep(id, 'sticky-licenses')} size="xs" variant="default">
          Manage sticky licenses
        </Button>
      }
    >
      <Text size="sm">
        {count.data === undefined
          ? count.isError
            ? 'Could not load the sticky licenses.'
            : 'Counting…'
          : count.data === 0
            ? 'Nobody keeps licenses outside the roster.'
            : `${count.data} ${count.data === 1 ? 'license stays with its holder' : 'licenses stay with their holders'} whatever the roster says.`}
      </Text>
    </Tile>
  );
}

export function OverridesTile() {
  const { id } = useCurrentDistrict();
  const overrides = useTermOverrides(id);
  const terms = overrides.data ?? [];
  return (
    <Tile id="tile-overrides" title="Overrides"
      badge={<Badge variant="light" color={terms.length ? 'orange' : 'gray'}>{overrides.isPending ? 'Loading…' : `${terms.length} ${terms.length === 1 ? 'term' : 'terms'}`}</Badge>}
      actions={
        <Button component={Link} to={paths.districtStep(id, 'term-dates')} size="xs" variant="default">
          Review term dates
        </Button>
      }
    >
      {terms.length === 0 ? (
        <Text size="sm">{overrides.isError ? 'Could not load the terms.' : 'No term has an override start or a freeze end.'}</Text>
      ) : (
        <List size="sm">
          {terms.map((t) => (
            <List.Item key={t.sourcedId}>
              {t.title}
              {t.overrideStart ? `: starts ${formatDate(t.overrideStart)}` : ''}
              {t.freezeEnd ? `${t.overrideStart ? ',' : ':'} kept until ${formatDate(t.freezeEnd)}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Tile>
  );
}
