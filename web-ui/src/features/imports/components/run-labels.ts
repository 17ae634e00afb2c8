import type { Schemas } from '@/api/client';

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
