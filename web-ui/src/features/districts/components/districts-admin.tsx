import { Anchor, Badge, Button, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useCreateDistrict } from '../api/create-district';
import { useDistricts } from '../api/get-districts';
import { platformLabels } from '@/lib/platforms';
import { DistrictForm, emptyDistrict, type DistrictFormValues } from './district-form';

const PAGE_SIZE = 25;

/** Support staff: every district, searchable and paged on the server, and "New district". */
export function DistrictsAdmin() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(0);
  const districts = useDistricts({ page, size: PAGE_SIZE, search: debounced || undefined });
  const [creating, { open, close }] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title="Districts"
        description="Every district Rosterline syncs. Open one to work through its checklist."
        actions={<Button onClick={open}>New district</Button>}
      />
      <TextInput
        label="Search districts"
        placeholder="Name or state"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(0);
        }}
        maw={360}
        mb="md"
      />
      <QueryState query={districts} loadingLabel="Loading districts…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <EmptyState
              title={debounced ? 'No districts match your search' : 'No districts yet'}
              message={debounced ? 'Try a different name or state.' : 'Create the first district to start its checklist.'}
              action={!debounced && <Button onClick={open}>New district</Button>}
            />
          ) : (
            <>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">District</Table.Th>
                    <Table.Th scope="col">State</Table.Th>
                    <Table.Th scope="col">System</Table.Th>
                    <Table.Th scope="col">Time zone</Table.Th>
                    <Table.Th scope="col">Schedule</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.district(d.id ?? '')}>
                          {d.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{d.state}</Table.Td>
                      <Table.Td>{d.platform ? platformLabels[d.platform] : 'Not chosen'}</Table.Td>
                      <Table.Td>{d.timezone}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={d.scheduleMode === 'LIVE' ? 'green' : d.scheduleMode === 'PAUSED' ? 'orange' : 'gray'}>
                          {d.scheduleMode === 'LIVE' ? 'Live' : d.scheduleMode === 'PAUSED' ? 'Paused' : 'Setting up'}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="districts" />
            </>
          )
        }
      </QueryState>
      <Modal opened={creating} onClose={close} title="New district" size="lg">
        <CreateDistrict onDone={close} />
      </Modal>
    </>
  );
}

function CreateDistrict({ onDone }: { onDone: () => void }) {
  const create = useCreateDistrict();
  const navigate = useNavigate();
  const submit = (v: DistrictFormValues) =>
    create.mutate(
      {
        name: v.name.trim(),
        state: v.state.trim().toUpperCase(),
        ncesId: v.ncesId.trim() || undefined,
        timezone: v.timezone,
        platform: v.platform || undefined,
        nightlyWindow: v.nightlyWindow,
      },
      {
        onSuccess: (d) => {
          notifySaved(`${d.name ?? 'The district'} was created. Next: connect its student information system.`);
          onDone();
          if (d.id) navigate(paths.district(d.id));
        },
        onError: (error) => notifyFailed('Creating the district', error),
      },
    );
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        The district admin can change the time zone, system and nightly window later.
      </Text>
      <DistrictForm
        initialValues={emptyDistrict}
        submitLabel="Create district"
        onSubmit={submit}
        pending={create.isPending}
        error={create.error}
        supportFieldsEditable
        onCancel={onDone}
      />
    </Stack>
  );
}
