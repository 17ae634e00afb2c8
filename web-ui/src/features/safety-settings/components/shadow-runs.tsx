import { Anchor, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '@/api/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/dates';
import { statusOf } from '@/lib/run-labels';
import { useShadowRuns, type ShadowRun } from '../api/get-shadow-runs';

const PAGE_SIZE = 20;

/** The API declares the plan summary as free JSON; a dry run stores its whole license plan there (ApplyEngine.Report). */
type Plan = Schemas['Report'];
/** The API declares the read report as free JSON; the worker writes per OneRoster collection how many records it read. */
type ReadReport = { read?: Record<string, number> };

const COLLECTIONS: Record<string, string> = {
  orgs: 'schools',
  academicSessions: 'terms',
  courses: 'courses',
  classes: 'classes',
  users: 'people',
  enrollments: 'enrollments',
  demographics: 'demographics',
};

const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');

/** "12 would gain a license, 3 would lose one, 2 would get no seat", from the plan the dry run computed. */
export function describePlan(plan: Plan): string {
  const gains = plan.gainsTotal ?? 0;
  const losses = plan.lossesTotal ?? 0;
  const unseated = plan.unseatedTotal ?? 0;
  if (gains === 0 && losses === 0 && unseated === 0) return 'No license would change';
  const parts = [`${n(gains)} would gain a license`, `${n(losses)} would lose one`];
  if (unseated > 0) parts.push(`${n(unseated)} would get no seat`);
  return parts.join(', ');
}

function whatItWouldChange(run: ShadowRun): string {
  const plan = run.planSummary as unknown as Plan | null | undefined;
  if (plan) return describePlan(plan);
  if (run.status === 'FAILED') return `The dry run failed: ${run.error ?? 'Rosterline could not finish reading your SIS.'}`;
  if (run.status === 'QUEUED' || run.status === 'RUNNING') return 'Still running; the plan shows here when it is done.';
  return statusOf(run.status).label;
}

/** "12 schools, 957 people, 4,210 enrollments": what the dry run read from the SIS, when the worker reported it. */
function whatItRead(run: ShadowRun): string | null {
  const read = (run.readReport as unknown as ReadReport | null | undefined)?.read;
  if (!read || Object.keys(read).length === 0) return null;
  return Object.entries(read)
    .map(([collection, count]) => `${n(count)} ${COLLECTIONS[collection] ?? collection}`)
    .join(', ');
}

/** Nightly dry runs ("shadow runs"): what a sync would have done each night while the district is still in setup. */
export function ShadowRuns({ districtId, timezone }: { districtId: string; timezone?: string }) {
  const [page, setPage] = useState(0);
  const runs = useShadowRuns(districtId, page, PAGE_SIZE);
  return (
    <Stack gap="sm" component="section" aria-labelledby="shadow-runs-title" maw={820} mt="xl">
      <Title order={2} size="h4" id="shadow-runs-title">
        Nightly dry runs
      </Title>
      <Text size="sm" c="dimmed">
        Each dry run reads your SIS and works out who would gain or lose a license. Nothing is changed.
      </Text>
      <QueryState query={runs} loadingLabel="Loading the nightly dry runs…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <EmptyState
              title="No dry runs yet"
              message="Switch on nightly dry runs above while the district is in setup; each night Rosterline then reads your SIS and shows here who would gain or lose a license, without changing anything."
            />
          ) : (
            <Stack gap={0} aria-busy={runs.isFetching}>
              <Table striped verticalSpacing="sm" captionSide="top">
                <Table.Caption>Dry runs, newest first. Times are in {timezone ?? 'your time zone'}.</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When it ran</Table.Th>
                    <Table.Th scope="col">What it would change</Table.Th>
                    <Table.Th scope="col">What it read</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Plan</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((run) => {
                    const when = formatDateTime(run.startedAt ?? run.createdAt, timezone);
                    const read = whatItRead(run);
                    return (
                      <Table.Tr key={run.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{when}</Table.Td>
                        <Table.Td>{whatItWouldChange(run)}</Table.Td>
                        <Table.Td>
                          {read ?? (
                            <Text size="sm" c="dimmed">
                              Not reported
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Anchor component={Link} to={`${paths.districtStep(districtId, 'imports')}?run=${run.id}`} size="sm">
                            {run.planSummary ? 'View the plan' : 'View the run'}
                            <VisuallyHidden> of the dry run of {when}</VisuallyHidden>
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="dry runs" />
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
