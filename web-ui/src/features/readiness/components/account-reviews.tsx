import { Badge, Button, Card, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useAcceptAccountReview } from '../api/accept-account-review';
import { useAccountReviews, type AccountReview } from '../api/get-account-reviews';
import { useRejectAccountReview } from '../api/reject-account-review';

export const REVIEWS_PAGE = 10;

type Candidate = NonNullable<AccountReview['candidates']>[number];

/** Why the sync did not decide on its own, for admins who do not know how matching works. */
const KIND_LABELS: Record<string, string> = {
  SEVERAL_CANDIDATES: 'Several existing accounts could be this person',
  CANDIDATE_BOUND_ELSEWHERE: 'The matching account already belongs to another SIS record',
  REISSUED_SOURCED_ID: 'Probably the same person with a new SIS ID',
};
const RULE_LABELS: Record<string, string> = {
  SOURCED_ID: 'SIS ID',
  IDENTIFIER: 'SIS identifier',
  EMAIL: 'email',
  LOGIN: 'sign-in name',
};

const fullName = (p: { givenName?: string | null; familyName?: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ') || 'Unnamed person';

/**
 * The account review queue: people the sync could not match with certainty wait here without an account (and so without
 * licenses). Admins link one of the candidate accounts (undoable under Links and merges) or give the person a new account
 * (confirmed: it cannot be undone here). Integrators see the queue read-only.
 */
export function AccountReviews({ districtId, canEdit, timezone }: { districtId: string; canEdit: boolean; timezone?: string }) {
  const [page, setPage] = useState(0);
  const reviews = useAccountReviews(districtId, page, REVIEWS_PAGE);
  const total = reviews.data?.total ?? 0;
  // Deciding the last review of the last page leaves that page empty: show the last page that has any (adjusted while
  // rendering, as React recommends for state derived from a change, rather than in an effect).
  if (page > 0 && reviews.data && !reviews.isPlaceholderData && page * REVIEWS_PAGE >= total) {
    setPage(Math.max(0, Math.ceil(total / REVIEWS_PAGE) - 1));
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="account-reviews-title">
      <Title order={2} size="h4" id="account-reviews-title">
        People waiting for an account match
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The sync found these people in your SIS but could not tell for sure which existing account is theirs. Until you decide, they have no
        account and no licenses.
      </Text>
      <QueryState query={reviews} loadingLabel="Loading the people waiting for a match…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <EmptyState title="No one is waiting" message="Every person from your SIS was matched to an account or given a new one." />
          ) : (
            <Stack gap="md">
              {(result.items ?? []).map((r) => (
                <ReviewCard key={r.id} districtId={districtId} review={r} canEdit={canEdit} timezone={timezone} />
              ))}
              <Pager page={page} size={REVIEWS_PAGE} total={result.total ?? 0} onChange={setPage} label="people waiting" />
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}

function ReviewCard({ districtId, review, canEdit, timezone }: { districtId: string; review: AccountReview; canEdit: boolean; timezone?: string }) {
  const accept = useAcceptAccountReview();
  const reject = useRejectAccountReview();
  const [rejecting, setRejecting] = useState(false);
  const person = review.person ?? {};
  const name = fullName(person);
  const headingId = `review-${review.id}`;
  const candidates = review.candidates ?? [];
  const deciding = accept.isPending || reject.isPending;
  const rule = review.rule ? (RULE_LABELS[review.rule] ?? review.rule.toLowerCase()) : null;

  // mutateAsync: a decided review leaves the queue and this card with it; the announcement must not go with it.
  const link = (c: Candidate) =>
    accept.mutateAsync({ districtId, reviewId: review.id!, accountId: c.id! }).then(
      () => notifySaved(`Linked ${name} to the account of ${fullName(c)}. Licenses follow at the next sync; the link can be undone under Links and merges.`),
      (e) => notifyFailed('Linking the account', e),
    );
  const createNew = () =>
    reject.mutateAsync({ districtId, reviewId: review.id! }).then(
      () => {
        setRejecting(false);
        notifySaved(`A new account was created for ${name}. Licenses follow at the next sync.`);
      },
      (e) => {
        setRejecting(false);
        notifyFailed('Creating the new account', e);
      },
    );

  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h5" id={headingId}>
              {name}
            </Title>
            <Text size="xs" c="dimmed">
              Waiting since {formatDateTime(review.createdAt, timezone)}
            </Text>
          </div>
          <Badge variant="light" color="orange">
            {KIND_LABELS[review.kind ?? ''] ?? 'Uncertain match'}
          </Badge>
        </Group>
        <Text size="sm">
          {review.detail}
          {rule && review.matchedValue ? ` (Matched on ${rule}: ${review.matchedValue}.)` : ''}
        </Text>

        <div>
          <Text size="sm" fw={600}>
            From your SIS
          </Text>
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>Role</Table.Th>
                <Table.Td>{person.role ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Td>{person.email ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Sign-in name</Table.Th>
                <Table.Td>{person.username ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>SIS ID</Table.Th>
                <Table.Td>
                  {person.sourcedId ?? '—'}
                  {person.identifier ? ` (identifier ${person.identifier})` : ''}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </div>

        <Table>
          <caption className="sr-only">Existing accounts that could be {name}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Existing account</Table.Th>
              <Table.Th scope="col">SIS ID</Table.Th>
              <Table.Th scope="col">How it matched before</Table.Th>
              {canEdit && (
                <Table.Th scope="col">
                  <span className="sr-only">Action</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {candidates.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text size="sm">{fullName(c)}</Text>
                  <Text size="xs" c="dimmed">
                    {[c.email, c.login].filter(Boolean).join(' · ') || 'no email or sign-in name'}
                  </Text>
                  {!c.active && (
                    <Badge size="xs" variant="light" color="gray">
                      No longer in the roster
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{c.sourcedId ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs">{c.matchDetail ?? '—'}</Text>
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="xs"
                      aria-label={`Link ${name} to the account of ${fullName(c)}${c.sourcedId ? ` (${c.sourcedId})` : ''}`}
                      loading={accept.isPending && accept.variables?.accountId === c.id}
                      disabled={deciding}
                      onClick={() => void link(c)}
                    >
                      This is them: link
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        {canEdit ? (
          <Group>
            <Button size="xs" variant="default" color="red" disabled={deciding} aria-label={`None of these is ${name}: create a new account`} onClick={() => setRejecting(true)}>
              None of these: create a new account
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            A district admin decides which account is theirs. You can read this list but not change it.
          </Text>
        )}

        <Modal opened={rejecting} onClose={() => setRejecting(false)} title={`Create a new account for ${name}?`}>
          <Stack gap="sm">
            <Text size="sm">
              None of the accounts shown is {name}: Rosterline creates a new account for them. The existing accounts stay as they are and keep
              their licenses; {name} gets licenses from their classes at the next sync.
            </Text>
            <Text size="sm">
              This cannot be undone here. If it turns out to be the same person after all, merge the two accounts from the readiness review.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejecting(false)} disabled={reject.isPending}>
                Cancel
              </Button>
              <Button color="red" loading={reject.isPending} onClick={() => void createNew()}>
                Yes, create a new account
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Stack>
    </Card>
  );
}
