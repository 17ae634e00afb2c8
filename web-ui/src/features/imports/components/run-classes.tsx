import { Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { useClassRoster } from '../api/get-class-roster';
import { useRunClasses, type ClassChange } from '../api/get-run-classes';

const PAGE_SIZE = 25;
const CHANGE_COLORS: Record<string, string> = { ADDED: 'green', CHANGED: 'blue', REMOVED: 'red', UNCHANGED: 'gray' };

function ChangeBadge({ change }: { change?: string }) {
  return (
    <Badge size="sm" variant="light" color={CHANGE_COLORS[change ?? 'UNCHANGED'] ?? 'gray'}>
      {(change ?? 'UNCHANGED').toLowerCase()}
    </Badge>
  );
}

/** The classes as the run leaves them, and each class's roster by its ClassId. */
export function RunClasses({ districtId, runId }: { districtId: string; runId: string }) {
  const [page, setPage] = useState(0);
  const [change, setChange] = useState<ClassChange | 'ALL'>('ALL');
  const [rosterOf, setRosterOf] = useState<{ id: string; title: string } | null>(null);
  const classes = useRunClasses(districtId, runId, { page, size: PAGE_SIZE, change: change === 'ALL' ? undefined : change });
  const [classId, setClassId] = useState('');
  return (
    <Stack gap="sm" component="section" aria-labelledby="classes-title">
      <Title order={3} size="h5" id="classes-title">
        Classes
      </Title>
      <form
        aria-label="Open a class roster by ClassId"
        onSubmit={(e) => {
          e.preventDefault();
          if (classId.trim()) setRosterOf({ id: classId.trim(), title: classId.trim() });
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            label="ClassId"
            description="The class's sourcedId in your SIS, e.g. from a teacher's question"
            value={classId}
            onChange={(e) => setClassId(e.currentTarget.value)}
            w={280}
          />
          <Button type="submit" variant="default" disabled={!classId.trim()}>
            Open roster
          </Button>
        </Group>
      </form>
      <SegmentedControl
        aria-label="Show classes"
        value={change}
        onChange={(v) => {
          setChange(v as ClassChange | 'ALL');
          setPage(0);
        }}
        data={[
          { value: 'ALL', label: 'All' },
          { value: 'ADDED', label: 'Added' },
          { value: 'CHANGED', label: 'Changed' },
          { value: 'REMOVED', label: 'Removed' },
        ]}
      />
      <QueryState query={classes} loadingLabel="Loading classes…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <Text size="sm">No classes {change === 'ALL' ? 'in this run' : `${change.toLowerCase()} by this run`}.</Text>
          ) : (
            <>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Class</Table.Th>
                    <Table.Th scope="col">ClassId</Table.Th>
                    <Table.Th scope="col">Course</Table.Th>
                    <Table.Th scope="col">Teachers</Table.Th>
                    <Table.Th scope="col">Students</Table.Th>
                    <Table.Th scope="col">Change</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Roster</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((c) => (
                    <Table.Tr key={c.sourcedId}>
                      <Table.Td>{c.title}</Table.Td>
                      <Table.Td>
                        <code>{c.sourcedId}</code>
                      </Table.Td>
                      <Table.Td>{c.courseSourcedId}</Table.Td>
                      <Table.Td>{c.teachers ?? 0}</Table.Td>
                      <Table.Td>{c.students ?? 0}</Table.Td>
                      <Table.Td>
                        <ChangeBadge change={c.change} />
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-xs" variant="default" aria-label={`Roster of ${c.title}`} onClick={() => setRosterOf({ id: c.sourcedId!, title: c.title ?? c.sourcedId! })}>
                          Roster
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="classes" />
            </>
          )
        }
      </QueryState>
      <Modal opened={rosterOf !== null} onClose={() => setRosterOf(null)} title={rosterOf ? `Roster of ${rosterOf.title}` : ''} size="lg">
        {rosterOf && <ClassRoster districtId={districtId} runId={runId} classId={rosterOf.id} />}
      </Modal>
    </Stack>
  );
}

function ClassRoster({ districtId, runId, classId }: { districtId: string; runId: string; classId: string }) {
  const roster = useClassRoster(districtId, runId, classId);
  return (
    <QueryState query={roster} loadingLabel="Loading the roster…">
      {(people) =>
        people.length === 0 ? (
          <Text size="sm">Nobody is enrolled in this class.</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.enrollmentSourcedId}>
                  <Table.Td>
                    {p.givenName} {p.familyName}
                    <Text size="xs" c="dimmed">
                      {p.userSourcedId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{p.role}</Table.Td>
                  <Table.Td>
                    <ChangeBadge change={p.change} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryState>
  );
}
