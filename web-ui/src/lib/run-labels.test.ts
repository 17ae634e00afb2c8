import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { lastLicenseSync, STATUS, statusOf } from './run-labels';

describe('run labels', () => {
  it('names every status the API has, a held run included', () => {
    const statuses: Schemas['RunStatus'][] = ['QUEUED', 'RUNNING', 'STAGED', 'APPLIED', 'FAILED', 'SUPERSEDED', 'HELD', 'DISCARDED', 'SHADOWED'];
    expect(Object.keys(STATUS).sort()).toEqual([...statuses].sort());
    expect(statusOf('HELD').label).toBe('Held for your review');
    expect(statusOf(undefined).label).toBe('Waiting for a worker');
  });

  it('finds the last license sync: the newest applied run by when it was applied, whatever its kind', () => {
    const runs: Schemas['Run'][] = [
      { id: 'held', kind: 'NIGHTLY', status: 'HELD', createdAt: '2026-11-24T08:00:00Z' },
      { id: 'import', kind: 'MANUAL_IMPORT', status: 'APPLIED', createdAt: '2026-11-20T08:00:00Z', appliedAt: '2026-11-23T09:00:00Z' },
      { id: 'resync', kind: 'RESYNC', status: 'APPLIED', createdAt: '2026-11-22T08:00:00Z', appliedAt: '2026-11-22T08:10:00Z' },
      { id: 'failed', kind: 'SYNC_LICENSES', status: 'FAILED', createdAt: '2026-11-23T10:00:00Z' },
    ];
    expect(lastLicenseSync(runs)?.id).toBe('import');
    expect(lastLicenseSync(runs.filter((r) => r.status !== 'APPLIED'))).toBeUndefined();
  });
});
