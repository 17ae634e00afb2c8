import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useAcknowledgeFinding } from '../api/acknowledge-finding';
import { useAccountMerges } from '../api/get-account-merges';
import { useReadiness, type Finding, type FindingRecord } from '../api/get-readiness';
import { useLinkAccounts } from '../api/link-accounts';
import { useUndoAccountMerge } from '../api/undo-account-merge';
import { AccountReviews } from './account-reviews';

const MERGES_PAGE = 10;

/** A record an existing account can be linked to: one incoming sourcedId and the account it matches. */
const linkable = (r: FindingRecord) => Boolean(r.accountId && r.sourcedIds?.length === 1);
const recordKey = (r: FindingRecord) => `${r.accountId}:${r.sourcedIds?.[0]}`;

/** The same person twice, with an account for each sourcedId: what a merge takes (the first account keeps). */
type Mergeable = { keepSourcedId: string; keepAccountId: string; mergeSourcedId: string; mergeAccountId: string };
const mergeable = (r: FindingRecord): Mergeable | null => {
  const pairs = (r.sourcedIds ?? []).map((sourcedId, i) => ({ sourcedId, accountId: r.accountIds?.[i] ?? null })).filter((p) => p.accountId);
  if (pairs.length !== 2) return null;
  return { keepSourcedId: pairs[0].sourcedId, keepAccountId: pairs[0].accountId!, mergeSourcedId: pairs[1].sourcedId, mergeAccountId: pairs[1].accountId! };
};

/** Step 8: duplicates, conflicts and gaps before going live, each with its suggested fix and the bulk actions. */
export function ReadinessPage({ canEdit = false }: { canEdit?: boolean }) {
  const { id, timezone } = useCurrentDistrict();
  const readiness = useReadiness(id);
  return (
    <>
      <PageHeader
        title="Readiness review"
        description="Before going live, Rosterline checks the roster your last import brings against the accounts it already has: the same person twice, accounts in another format, gaps. Each finding says how to fix it."
      />
      <Stack gap="lg">
        <QueryState query={readiness} loadingLabel="Reviewing the roster…">
          {(r) => {
            const findings = r.findings ?? [];
            const blocking = findings.filter((f) => f.blocking && !f.acknowledged).length;
            return (
              <Stack gap="md">
                {r.done ? (
                  <Alert color="green" title="No blocking finding left" role="status">
                    {findings.length > 0 ? 'What is left is advice: nothing here keeps you from going live. ' : ''}
                    <Anchor component={Link} to={paths.districtStep(id, 'schedule')} size="sm">
                      Go on to the schedule
                    </Anchor>
                    .
                  </Alert>
                ) : (
                  <Alert color="orange" title={`${blocking} blocking ${blocking === 1 ? 'finding' : 'findings'} to fix or acknowledge`} role="status">
                    Fix them in your SIS or here, or acknowledge them if they are expected; then the district can go live.
                  </Alert>
                )}
                {r.refreshing && (
                  <Alert color="blue" title="Updating the review" role="status">
                    The roster just changed. These findings are from before that change; the updated review is being prepared, so
                    look again in a few seconds.
                  </Alert>
                )}
                <Text size="sm" c="dimmed">
                  {r.runId ? 'Reviewed: the roster as your latest import (not yet synced) leaves it.' : 'Reviewed: the current roster.'}
                </Text>
                {findings.length === 0 ? (
                  <EmptyState
                    order={2}
                    title="Nothing to review"
                    message="No duplicates, no accounts in another format, no enrollments pointing nowhere, no classes without a teacher."
                  />
                ) : (
                  findings.map((f) => <FindingCard key={f.kind} districtId={id} finding={f} />)
                )}
              </Stack>
            );
          }}
        </QueryState>
        <AccountReviews districtId={id} canEdit={canEdit} timezone={timezone} />
        <MergeHistory districtId={id} />
      </Stack>
    </>
  );
}

function FindingCard({ districtId, finding }: { districtId: string; finding: Finding }) {
  const acknowledge = useAcknowledgeFinding();
  const link = useLinkAccounts();
  const records = finding.records ?? [];
  const canLink = records.some(linkable);
  const canMerge = records.some((r) => mergeable(r) !== null);
  const [merging, setMerging] = useState<Mergeable | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const headingId = `finding-${finding.kind}`;
  const toggle = (key: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  // mutateAsync: a finding whose records are all linked leaves the review and this card with it, and mutate's
  // callbacks would be dropped with the card, leaving the result unannounced.
  const linkRecords = (chosen: FindingRecord[]) =>
    link
      .mutateAsync({ districtId, actions: chosen.map((r) => ({ type: 'LINK', accountId: r.accountId!, sourcedId: r.sourcedIds![0] })) })
      .then(
        (done) => {
          setChecked(new Set());
          notifySaved(`Linked ${done.length} ${done.length === 1 ? 'account' : 'accounts'} to the incoming records. Each can be undone below.`);
        },
        (e) => notifyFailed('Linking the accounts', e),
      );
  const mergeAccounts = (m: Mergeable) =>
    link.mutateAsync({ districtId, actions: [{ type: 'MERGE', accountId: m.keepAccountId, mergeAccountId: m.mergeAccountId }] }).then(
      (done) => {
        setMerging(null);
        const moved = done[0]?.movedAssignments ?? 0;
        notifySaved(`Merged the account of ${m.mergeSourcedId} into ${m.keepSourcedId}: ${moved} ${moved === 1 ? 'license' : 'licenses'} moved. It can be undone below.`);
      },
      (e) => notifyFailed('Merging the accounts', e),
    );

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h5" id={headingId}>
            {finding.title} ({(finding.count ?? 0).toLocaleString('en-US')})
          </Title>
          <Group gap={6} wrap="nowrap">
            {finding.acknowledged && (
              <Badge color="gray" variant="light">
                Acknowledged
              </Badge>
            )}
            <Badge color={finding.blocking ? 'orange' : 'blue'} variant="light">
              {finding.blocking ? 'Blocks going live' : 'Advice'}
            </Badge>
          </Group>
        </Group>
        <Paper bg="gray.0" p="sm" radius="sm">
          <Text size="sm">
            <Text span fw={600}>
              Suggested fix:{' '}
            </Text>
            {finding.suggestedFix}
          </Text>
        </Paper>
        {records.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                {canLink && (
                  <Table.Th w={40}>
                    <span className="sr-only">Select</span>
                  </Table.Th>
                )}
                <Table.Th scope="col">What Rosterline found</Table.Th>
                <Table.Th scope="col">Records</Table.Th>
                {canMerge && (
                  <Table.Th scope="col">
                    <span className="sr-only">Action</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((r, i) => (
                <Table.Tr key={`${r.detail}-${i}`}>
                  {canLink && (
                    <Table.Td>
                      {linkable(r) && (
                        <Checkbox aria-label={`Select: ${r.detail}`} checked={checked.has(recordKey(r))} onChange={() => toggle(recordKey(r))} />
                      )}
                    </Table.Td>
                  )}
                  <Table.Td>{r.detail}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {(r.sourcedIds ?? []).join(', ')}
                    </Text>
                  </Table.Td>
                  {canMerge && (
                    <Table.Td>
                      {mergeable(r) && (
                        <Button size="xs" variant="default" aria-label={`Merge accounts: ${r.detail}`} onClick={() => setMerging(mergeable(r))}>
                          Merge accounts
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {(finding.count ?? 0) > records.length && (
          <Text size="xs" c="dimmed">
            Showing the first {records.length} of {(finding.count ?? 0).toLocaleString('en-US')}.
          </Text>
        )}
        <Modal opened={merging !== null} onClose={() => setMerging(null)} title="Merge the two accounts into one?">
          {merging && (
            <Stack gap="sm">
              <Text size="sm">
                The account of {merging.keepSourcedId} stays; the account of {merging.mergeSourcedId} is closed and its licenses move to it.
                Ask your SIS to merge the two records as well, or the next sync brings the second one back. The merge can be undone below.
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setMerging(null)}>
                  Cancel
                </Button>
                <Button loading={link.isPending} onClick={() => mergeAccounts(merging)}>
                  Merge
                </Button>
              </Group>
            </Stack>
          )}
        </Modal>
        <Group gap="sm">
          {canLink && (
            <>
              <Button
                size="xs"
                disabled={checked.size === 0}
                loading={link.isPending}
                onClick={() => linkRecords(records.filter((r) => linkable(r) && checked.has(recordKey(r))))}
              >
                Link selected ({checked.size})
              </Button>
              <Button size="xs" variant="default" loading={link.isPending} onClick={() => linkRecords(records.filter(linkable))}>
                Link all shown
              </Button>
            </>
          )}
          {!finding.acknowledged && (
            <Button
              size="xs"
              variant="default"
              loading={acknowledge.isPending}
              aria-label={`Acknowledge: ${finding.title}`}
              onClick={() =>
                acknowledge.mutateAsync({ districtId, kind: finding.kind! }).then(
                  () => notifySaved(`${finding.title}: acknowledged.`),
                  (e) => notifyFailed('Acknowledging the finding', e),
                )
              }
            >
              {finding.blocking ? 'Acknowledge, it is expected' : 'Acknowledge'}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function MergeHistory({ districtId }: { districtId: string }) {
  const { timezone } = useCurrentDistrict();
  const [page, setPage] = useState(0);
  const merges = useAccountMerges(districtId, page, MERGES_PAGE);
  const undo = useUndoAccountMerge();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="merges-title">
      <Title order={2} size="h4" id="merges-title" mb="sm">
        Links and merges
      </Title>
      <QueryState query={merges} loadingLabel="Loading links and merges…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <Text size="sm">No account was linked or merged yet. Links made above are listed here, and each can be undone.</Text>
          ) : (
            <>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">What</Table.Th>
                    <Table.Th scope="col">Licenses</Table.Th>
                    <Table.Th scope="col">By</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Undo</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((m) => {
                    const what = m.kind === 'MERGE' ? `Merged account ${m.mergedAccountId} into ${m.accountId}` : `Linked account ${m.accountId} to ${m.sourcedId}`;
                    return (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Text size="sm">{what}</Text>
                          {m.undoneAt && (
                            <Text size="xs" c="dimmed">
                              Undone by {m.undoneBy} {formatDateTime(m.undoneAt, timezone)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {m.movedAssignments ?? 0} moved, {m.droppedAssignments ?? 0} dropped
                        </Table.Td>
                        <Table.Td>
                          {m.createdBy}
                          <Text size="xs" c="dimmed">
                            {formatDateTime(m.createdAt, timezone)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {!m.undoneAt && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              aria-label={`Undo: ${what}`}
                              loading={undo.isPending && undo.variables?.mergeId === m.id}
                              onClick={() =>
                                undo.mutate(
                                  { districtId, mergeId: m.id! },
                                  { onSuccess: () => notifySaved('Undone: both accounts are back as they were.'), onError: (e) => notifyFailed('Undoing', e) },
                                )
                              }
                            >
                              Undo
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={MERGES_PAGE} total={result.total ?? 0} onChange={setPage} label="links and merges" />
            </>
          )
        }
      </QueryState>
    </Paper>
  );
}
