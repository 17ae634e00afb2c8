import { Alert, Button, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentDistrict } from '@/lib/district';
import { ApiError, toPlainError } from '@/lib/problem';
import { useRuns } from '../api/get-runs';
import { useRequestRun } from '../api/request-run';
import { RunDetail } from './run-detail';
import { RunHistory } from './run-history';

/** Step 7: import from the SIS, review what changes and the license plan, then Sync Licenses. ?run= picks the run shown. */
export function ImportsPage({ canEdit = false }: { canEdit?: boolean }) {
  const { id, timezone } = useCurrentDistrict();
  const [params, setParams] = useSearchParams();
  const latest = useRuns(id, 0, 1);
  const request = useRequestRun();
  const runId = params.get('run') ?? latest.data?.items?.[0]?.id;
  // Other parameters (the "why" lookup's) stay.
  const show = (next: string) => {
    setParams((current) => {
      const updated = new URLSearchParams(current);
      updated.set('run', next);
      return updated;
    });
  };
  const busy = request.error instanceof ApiError && request.error.status === 409 ? toPlainError(request.error) : null;

  const start = (kind: 'MANUAL_IMPORT' | 'RESYNC') =>
    request.mutate(
      { districtId: id, kind },
      {
        onSuccess: (run) => {
          notifySaved(kind === 'RESYNC' ? 'Full resync started.' : 'Manual import started. Follow its progress below.');
          if (run.id) show(run.id);
        },
        onError: (e) => {
          if (!(e instanceof ApiError && e.status === 409)) notifyFailed(kind === 'RESYNC' ? 'Starting the resync' : 'Starting the import', e);
        },
      },
    );

  return (
    <>
      <PageHeader
        title="Imports"
        description="Read your roster from the SIS, check what changes and who gains or loses licenses, then sync the licenses."
        actions={
          <Button loading={request.isPending && request.variables?.kind === 'MANUAL_IMPORT'} onClick={() => start('MANUAL_IMPORT')}>
            Manual Import
          </Button>
        }
      />
      <Stack gap="lg">
        {busy && (
          <Alert color="orange" title="An import is already on its way" role="alert">
            {busy.message}
          </Alert>
        )}
        {runId ? (
          <RunDetail key={runId} districtId={id} runId={runId} timezone={timezone} canEdit={canEdit} onShowRun={show} />
        ) : (
          !latest.isPending && (
            <EmptyState
              title="No import yet"
              message="A Manual Import reads your SIS and shows what would change, without touching any license until you press Sync Licenses."
            />
          )
        )}
        <RunHistory districtId={id} timezone={timezone} selectedRunId={runId} onView={show} onResync={() => start('RESYNC')} resyncing={request.isPending && request.variables?.kind === 'RESYNC'} />
      </Stack>
    </>
  );
}
