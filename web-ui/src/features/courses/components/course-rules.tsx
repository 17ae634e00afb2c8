import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { fieldErrorsFor } from '@/lib/form-errors';
import { useAddCourseRule, type CourseRuleCreate } from '../api/add-course-rule';
import { useCourseRules } from '../api/get-course-rules';
import { useDeleteCourseRule } from '../api/delete-course-rule';

const FIELD_LABELS: Record<NonNullable<CourseRuleCreate['matchField']>, string> = { SUBJECT: 'Subject', CODE: 'Course code', TITLE: 'Title' };

/** Rules include or exclude every matching course, also courses that appear in later syncs. */
export function CourseRules({ districtId }: { districtId: string }) {
  const rules = useCourseRules(districtId);
  const add = useAddCourseRule();
  const remove = useDeleteCourseRule();
  const [matchField, setMatchField] = useState<CourseRuleCreate['matchField']>('SUBJECT');
  const [pattern, setPattern] = useState('');
  const [effect, setEffect] = useState<CourseRuleCreate['effect']>('INCLUDE');
  const errors = fieldErrorsFor(add.error, ['matchField', 'pattern', 'effect']);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    add.mutate(
      { districtId, body: { matchField, pattern: pattern.trim(), effect } },
      {
        onSuccess: (r) => {
          setPattern('');
          notifySaved(`Rule added: it matches ${r.matchingCourses ?? 0} courses now.`);
        },
        onError: (err) => notifyFailed('Adding the rule', err),
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="course-rules-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="course-rules-title">
          Course rules
        </Title>
        <Text size="sm" c="dimmed">
          A rule includes or leaves out every course whose subject, code or title matches, including courses that appear later. *
          stands for any text. A “leave out” rule wins over an “include” rule; your own choice on a course wins over both.
        </Text>
        <form onSubmit={submit} aria-label="Add a course rule">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label="Match"
              data={Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }))}
              value={matchField}
              onChange={(v) => v && setMatchField(v as CourseRuleCreate['matchField'])}
              allowDeselect={false}
              error={errors.matchField}
              w={160}
            />
            <TextInput
              label="Pattern"
              placeholder="MATH-* or *Algebra*"
              value={pattern}
              onChange={(e) => setPattern(e.currentTarget.value)}
              error={errors.pattern}
              w={240}
            />
            <Select
              label="Then"
              data={[
                { value: 'INCLUDE', label: 'Include' },
                { value: 'EXCLUDE', label: 'Leave out' },
              ]}
              value={effect}
              onChange={(v) => v && setEffect(v as CourseRuleCreate['effect'])}
              allowDeselect={false}
              error={errors.effect}
              w={140}
            />
            <Button type="submit" loading={add.isPending}>
              Add rule
            </Button>
          </Group>
        </form>
        <QueryState query={rules} loadingLabel="Loading course rules…">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">No rules yet: only the courses you include by hand are rostered.</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Match</Table.Th>
                    <Table.Th scope="col">Pattern</Table.Th>
                    <Table.Th scope="col">Then</Table.Th>
                    <Table.Th scope="col">Courses matched now</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Remove</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{FIELD_LABELS[r.matchField ?? 'SUBJECT']}</Table.Td>
                      <Table.Td>
                        <code>{r.pattern}</code>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={r.effect === 'INCLUDE' ? 'green' : 'red'}>
                          {r.effect === 'INCLUDE' ? 'Include' : 'Leave out'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.matchingCourses ?? 0}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove the rule ${r.pattern}`}
                          loading={remove.isPending && remove.variables?.ruleId === String(r.id)}
                          onClick={() =>
                            remove.mutate(
                              { districtId, ruleId: String(r.id) },
                              { onSuccess: () => notifySaved(`Rule ${r.pattern} removed.`), onError: (err) => notifyFailed('Removing the rule', err) },
                            )
                          }
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
