import { ActionIcon, Badge, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentDistrict } from '@/lib/district';
import { useSchools } from '../api/get-schools';
import { useRefreshSchools } from '../api/refresh-schools';
import { useSelectSchools, type SchoolSelection } from '../api/select-schools';
import { useSetSchoolIncluded } from '../api/set-school-included';

const PAGE_SIZE = 50;
type Filter = 'all' | 'included' | 'excluded';

/** Step 2: which schools Rosterline processes. Hundreds of rows: searched, filtered and paged on the server. */
export function SchoolsPage() {
  const { id } = useCurrentDistrict();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const query = {
    page,
    size: PAGE_SIZE,
    search: debounced || undefined,
    included: filter === 'all' ? undefined : filter === 'included',
  };
  const schools = useSchools(id, query);
  const setOne = useSetSchoolIncluded();
  const select = useSelectSchools();
  const refresh = useRefreshSchools();

  const runSelection = (body: SchoolSelection, what: string) =>
    select.mutate(
      { districtId: id, body },
      {
        onSuccess: (r) => {
          setChecked(new Set());
          notifySaved(`${what}: ${r.changed ?? 0} changed, ${r.includedTotal ?? 0} schools included in total.`);
        },
        onError: (e) => notifyFailed(what, e),
      },
    );

  const loadFromSis = () =>
    refresh.mutate(id, {
      onSuccess: (r) => notifySaved(`Loaded ${r.discovered ?? 0} schools from your SIS (${r.added ?? 0} new, ${r.removed ?? 0} gone).`),
      onError: (e) => notifyFailed('Loading schools from your SIS', e),
    });

  const items = schools.data?.items ?? [];
  const pageIds = items.map((s) => s.sourcedId!).filter(Boolean);
  const allOnPage = pageIds.length > 0 && pageIds.every((sid) => checked.has(sid));

  return (
    <>
      <PageHeader
        title="Schools"
        description="Choose the schools whose classes Rosterline rosters. Schools you leave out are never read."
        actions={
          <Button variant="default" loading={refresh.isPending} onClick={loadFromSis}>
            Load schools from your SIS
          </Button>
        }
      />
      <Group align="flex-end" mb="md" gap="md" wrap="wrap">
        <TextInput
          label="Search schools"
          placeholder="Name or school number"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(0);
          }}
          w={300}
        />
        <SegmentedControl
          aria-label="Show"
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(0);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'included', label: 'Included' },
            { value: 'excluded', label: 'Not included' },
          ]}
        />
      </Group>
      <Group mb="sm" gap="sm" aria-label="Bulk actions" role="group">
        <Button size="xs" disabled={checked.size === 0} loading={select.isPending} onClick={() => runSelection({ include: [...checked] }, 'Including the selected schools')}>
          Include selected ({checked.size})
        </Button>
        <Button size="xs" variant="default" disabled={checked.size === 0} onClick={() => runSelection({ exclude: [...checked] }, 'Leaving out the selected schools')}>
          Leave out selected
        </Button>
        <Button
          size="xs"
          variant="light"
          disabled={(schools.data?.total ?? 0) === 0}
          onClick={() => runSelection({ all: true, included: true, search: debounced || undefined }, debounced ? `Including every school matching “${debounced}”` : 'Including every school')}
        >
          {debounced ? `Include all ${schools.data?.total ?? ''} matching` : 'Include all schools'}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          disabled={(schools.data?.total ?? 0) === 0}
          onClick={() => runSelection({ all: true, included: false, search: debounced || undefined }, debounced ? `Leaving out every school matching “${debounced}”` : 'Leaving out every school')}
        >
          {debounced ? 'Leave out all matching' : 'Leave out all schools'}
        </Button>
      </Group>
      <QueryState query={schools} loadingLabel="Loading schools…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            debounced || filter !== 'all' ? (
              <EmptyState title="No schools match" message="Try a different search or show all schools." />
            ) : (
              <EmptyState
                title="No schools loaded yet"
                message="Rosterline reads the list of schools from your SIS once the connection works."
                action={
                  <Button loading={refresh.isPending} onClick={loadFromSis}>
                    Load schools from your SIS
                  </Button>
                }
              />
            )
          ) : (
            <Stack gap={0}>
              <Table striped highlightOnHover aria-busy={schools.isFetching}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Select every school on this page"
                        checked={allOnPage}
                        indeterminate={!allOnPage && pageIds.some((sid) => checked.has(sid))}
                        onChange={() =>
                          setChecked((prev) => {
                            const next = new Set(prev);
                            pageIds.forEach((sid) => (allOnPage ? next.delete(sid) : next.add(sid)));
                            return next;
                          })
                        }
                      />
                    </Table.Th>
                    <Table.Th scope="col">School</Table.Th>
                    <Table.Th scope="col">Number</Table.Th>
                    <Table.Th scope="col">Type</Table.Th>
                    <Table.Th scope="col">Included</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Include or leave out</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((s) => (
                    <Table.Tr key={s.sourcedId}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Select ${s.name}`}
                          checked={checked.has(s.sourcedId!)}
                          onChange={() =>
                            setChecked((prev) => {
                              const next = new Set(prev);
                              if (next.has(s.sourcedId!)) next.delete(s.sourcedId!);
                              else next.add(s.sourcedId!);
                              return next;
                            })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.name}</Text>
                        {s.status && s.status !== 'active' && (
                          <Text size="xs" c="dimmed">
                            {s.status}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{s.identifier}</Table.Td>
                      <Table.Td>{s.schoolType}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={s.included ? 'green' : 'gray'}>
                          {s.included ? 'Included' : 'Not included'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={s.included ? `Leave out ${s.name}` : `Include ${s.name}`}>
                          <ActionIcon
                            variant={s.included ? 'light' : 'filled'}
                            color={s.included ? 'red' : undefined}
                            aria-label={s.included ? `Leave out ${s.name}` : `Include ${s.name}`}
                            loading={setOne.isPending && setOne.variables?.sourcedId === s.sourcedId}
                            onClick={() =>
                              setOne.mutate(
                                { districtId: id, sourcedId: s.sourcedId!, included: !s.included },
                                { onError: (e) => notifyFailed(s.included ? `Leaving out ${s.name}` : `Including ${s.name}`, e) },
                              )
                            }
                          >
                            <span aria-hidden>{s.included ? '✕' : '+'}</span>
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="schools" />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
