import type { Schemas } from '@/api/client';

// One wording for runs everywhere (imports, dashboard, schedule): a held run reads the same on every screen.

export const KIND_LABELS: Record<Schemas['RunKind'], string> = {
  MANUAL_IMPORT: 'Manual import',
  SYNC_LICENSES: 'Sync licenses',
  RESYNC: 'Full resync',
  NIGHTLY: 'Nightly sync',
  RESTORE: 'Restore of an earlier sync',
  SHADOW: 'Dry run (shadow mode)',
};

export const STATUS: Record<Schemas['RunStatus'], { label: string; color: string }> = {
  QUEUED: { label: 'Waiting for a worker', color: 'gray' },
  RUNNING: { label: 'Running', color: 'blue' },
  STAGED: { label: 'Ready to review', color: 'yellow' },
  APPLIED: { label: 'Licenses synced', color: 'green' },
  FAILED: { label: 'Failed', color: 'red' },
  SUPERSEDED: { label: 'Superseded', color: 'gray' },
  HELD: { label: 'Held for your review', color: 'orange' },
  DISCARDED: { label: 'Discarded', color: 'gray' },
  SHADOWED: { label: 'Dry run kept (not applied)', color: 'gray' },
};

export const statusOf = (status: Schemas['RunStatus'] | undefined) => STATUS[status ?? 'QUEUED'] ?? STATUS.QUEUED;

/** The newest run that changed licenses (a Manual Import once synced, RESYNC, the nightly sync, a restore): by when it was applied. */
export function lastLicenseSync<R extends Pick<Schemas['Run'], 'status' | 'appliedAt' | 'createdAt'>>(runs: R[]): R | undefined {
  const time = (r: R) => new Date(r.appliedAt ?? r.createdAt ?? 0).getTime();
  return runs.filter((r) => r.status === 'APPLIED').reduce<R | undefined>((newest, r) => (!newest || time(r) > time(newest) ? r : newest), undefined);
}
