import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { fieldErrorsFor } from '@/lib/form-errors';
import { ApiError, toPlainError } from '@/lib/problem';
import { useCreateStickyLicense, type StickyCreate } from '../api/create-sticky-license';
import { useDeleteStickyLicense } from '../api/delete-sticky-license';
import { usePools } from '../api/get-pools';
import { useRosteredStaff } from '../api/get-rostered-staff';
import { useSsoFormat } from '../api/get-sso-format';
import { useStickyLicenses } from '../api/get-sticky-licenses';
import { SsoFormatSection } from './sso-format-form';

type Edition = 'TEACHER' | 'STUDENT';

/** Licenses that stay with a person whatever the roster says: coaches, specialists, substitutes. */
export function StickyLicensesPage({ canEditSsoFormat = false }: { canEditSsoFormat?: boolean }) {
  const { id, timezone } = useCurrentDistrict();
  const sticky = useStickyLicenses(id);
  const remove = useDeleteStickyLicense();
  return (
    <>
      <PageHeader
        title="Sticky licenses"
        description="Licenses that stay with a person whatever the roster says, for example an instructional coach. Each one uses a seat."
      />
      <Stack gap="lg">
        <AddStickyLicense districtId={id} />
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sticky-list-title">
          <Title order={2} size="h4" id="sticky-list-title" mb="sm">
            Current sticky licenses
          </Title>
          <QueryState query={sticky} loadingLabel="Loading sticky licenses…">
            {(list) =>
              list.length === 0 ? (
                <EmptyState title="No sticky licenses" message="Everyone’s licenses follow the roster." />
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Person</Table.Th>
                      <Table.Th scope="col">License</Table.Th>
                      <Table.Th scope="col">Note</Table.Th>
                      <Table.Th scope="col">Given</Table.Th>
                      <Table.Th scope="col">
                        <span className="sr-only">Remove</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((s) => {
                      const name = `${s.account?.givenName ?? ''} ${s.account?.familyName ?? ''}`.trim();
                      return (
                        <Table.Tr key={s.id}>
                          <Table.Td>
                            <Text size="sm">{name}</Text>
                            <Text size="xs" c="dimmed">
                              {s.account?.email ?? s.account?.login} · {s.account?.origin === 'ROSTERED' ? 'In the roster' : 'Entered by hand'}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{s.productTitle}</Text>
                            <Badge size="sm" variant="light" color={s.edition === 'STUDENT' ? 'grape' : 'blue'}>
                              {s.edition === 'STUDENT' ? 'Student edition' : 'Teacher edition'}
                            </Badge>
                          </Table.Td>
                          <Table.Td>{s.note}</Table.Td>
                          <Table.Td>
                            <Text size="sm">{formatDateTime(s.assignedAt, timezone)}</Text>
                            <Text size="xs" c="dimmed">
                              by {s.assignedBy}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              aria-label={`Remove ${s.productTitle} from ${name}`}
                              loading={remove.isPending && remove.variables?.assignmentId === String(s.id)}
                              onClick={() =>
                                remove.mutate(
                                  { districtId: id, assignmentId: String(s.id) },
                                  {
                                    onSuccess: () => notifySaved(`${s.productTitle} removed from ${name}; the seat is free again.`),
                                    onError: (e) => notifyFailed('Removing the sticky license', e),
                                  },
                                )
                              }
                            >
                              Remove
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )
            }
          </QueryState>
        </Paper>
        <SsoFormatSection districtId={id} canEdit={canEditSsoFormat} />
      </Stack>
    </>
  );
}

const EMPTY_ACCOUNT = { givenName: '', familyName: '', email: '', login: '' };

function AddStickyLicense({ districtId }: { districtId: string }) {
  const [who, setWho] = useState<'rostered' | 'manual'>('rostered');
  const [staffSearch, setStaffSearch] = useState('');
  const [debounced] = useDebouncedValue(staffSearch.trim(), 300);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [edition, setEdition] = useState<Edition>('TEACHER');
  const [note, setNote] = useState('');
  const staff = useRosteredStaff(districtId, debounced || undefined);
  const sso = useSsoFormat(districtId);
  const pools = usePools(districtId);
  const create = useCreateStickyLicense();

  // The products of the chosen edition that a pool covers today, with the seats left across their pools.
  const available = new Map<string, { title: string; left: number }>();
  for (const p of pools.data ?? []) {
    if (p.edition !== edition || !p.coversToday || !p.productId) continue;
    const prev = available.get(p.productId);
    available.set(p.productId, { title: p.productTitle ?? '', left: (prev?.left ?? 0) + (p.seatsRemaining ?? 0) });
  }
  const errors = fieldErrorsFor(create.error, ['accountId', 'givenName', 'familyName', 'email', 'login', 'productIds', 'note']);
  const noSeat = create.error instanceof ApiError && create.error.status === 409 ? toPlainError(create.error) : null;
  const emailHint = sso.data?.emailDomain ? `Must end in @${sso.data.emailDomain}` : 'Any email address';
  const loginHint = sso.data?.loginPattern ? `Must match your sign-in format: ${sso.data.loginPattern}` : 'As the person signs in to your SSO';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body: StickyCreate = {
      ...(who === 'rostered' ? { accountId: accountId ?? undefined } : { account: { ...account, email: account.email.trim(), login: account.login.trim() } }),
      // Teacher editions are the API's default; student editions are named explicitly.
      productIds: edition === 'STUDENT' ? [...available.keys()] : undefined,
      note: note.trim() || undefined,
    };
    create.mutate(
      { districtId, body },
      {
        onSuccess: (created) => {
          const first = created[0]?.account;
          notifySaved(`${created.length} sticky ${created.length === 1 ? 'license' : 'licenses'} given to ${first?.givenName ?? ''} ${first?.familyName ?? ''}.`.replace(/\s+\./, '.'));
          setAccountId(null);
          setAccount(EMPTY_ACCOUNT);
          setNote('');
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sticky-add-title">
      <form onSubmit={submit}>
        <Stack gap="sm" maw={640}>
          <Title order={2} size="h4" id="sticky-add-title">
            Give sticky licenses
          </Title>
          <SegmentedControl
            aria-label="Who gets them"
            value={who}
            onChange={(v) => setWho(v as 'rostered' | 'manual')}
            data={[
              { value: 'rostered', label: 'A rostered teacher' },
              { value: 'manual', label: 'Someone not in the roster' },
            ]}
          />
          {who === 'rostered' ? (
            <Select
              label="Teacher or staff member"
              placeholder="Type a name, email or login"
              searchable
              searchValue={staffSearch}
              onSearchChange={setStaffSearch}
              filter={({ options }) => options}
              data={(staff.data?.items ?? []).map((s) => ({
                value: s.id!,
                label: `${s.givenName} ${s.familyName} (${s.email ?? s.login})`,
              }))}
              value={accountId}
              onChange={setAccountId}
              nothingFoundMessage={staff.isFetching ? 'Searching…' : 'Nobody in the roster matches'}
              error={errors.accountId}
            />
          ) : (
            <Stack gap="xs">
              <Group grow>
                <TextInput label="First name" value={account.givenName} onChange={(e) => setAccount({ ...account, givenName: e.currentTarget.value })} error={errors.givenName} />
                <TextInput label="Last name" value={account.familyName} onChange={(e) => setAccount({ ...account, familyName: e.currentTarget.value })} error={errors.familyName} />
              </Group>
              <TextInput label="Email" description={emailHint} value={account.email} onChange={(e) => setAccount({ ...account, email: e.currentTarget.value })} error={errors.email} />
              <TextInput label="Sign-in name (login)" description={loginHint} value={account.login} onChange={(e) => setAccount({ ...account, login: e.currentTarget.value })} error={errors.login} />
            </Stack>
          )}
          <div>
            <Text size="sm" fw={500} id="sticky-edition-label">
              Licenses
            </Text>
            <SegmentedControl
              aria-labelledby="sticky-edition-label"
              value={edition}
              onChange={(v) => setEdition(v as Edition)}
              data={[
                { value: 'TEACHER', label: 'Teacher licenses' },
                { value: 'STUDENT', label: 'Student licenses' },
              ]}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {available.size === 0
                ? `No ${edition === 'STUDENT' ? 'student' : 'teacher'}-edition license pool covers today.`
                : `Gives ${[...available.values()].map((a) => `${a.title} (${a.left} ${a.left === 1 ? 'seat' : 'seats'} left)`).join(', ')}.`}
            </Text>
            {errors.productIds && (
              <Text size="xs" c="red">
                {errors.productIds}
              </Text>
            )}
          </div>
          <Textarea label="Note (optional)" placeholder="Why this person keeps licenses" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
          {noSeat && (
            <Alert color="orange" title="No seat left" role="alert">
              {noSeat.message} Free a seat, or add seats to the pool on the Licenses page, then try again.
            </Alert>
          )}
          {create.error && !noSeat && Object.keys(errors).length === 0 && (
            <Alert color="red" title={toPlainError(create.error).title} role="alert">
              {toPlainError(create.error).message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Give sticky licenses
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
