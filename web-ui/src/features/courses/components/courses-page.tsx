import { ActionIcon, Badge, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentDistrict } from '@/lib/district';
import { useCourseSchools } from '../api/get-course-schools';
import { useCourses, type Course } from '../api/get-courses';
import { useRefreshCourses } from '../api/refresh-courses';
import { useSelectCourses, type CourseSelection } from '../api/select-courses';
import { useSetCourseChoice } from '../api/set-course-choice';
import { CourseRules } from './course-rules';
import { SchoolFilter } from './school-filter';

const PAGE_SIZE = 50;
type Filter = 'all' | 'included' | 'excluded';

/** Why a course is, or is not, rostered, in the admin's words. */
export const REASONS: Record<NonNullable<Course['reason']>, string> = {
  COURSE_INACTIVE: 'Inactive in your SIS',
  SCHOOL_EXCLUDED: 'Its school is left out',
  EXPLICITLY_INCLUDED: 'You included it',
  EXPLICITLY_EXCLUDED: 'You left it out',
  EXCLUDED_BY_RULE: 'Left out by a rule',
  INCLUDED_BY_RULE: 'Included by a rule',
  NO_CHOICE: 'No choice and no rule matches',
};

/** Step 3: which courses of the included schools are rostered, by hand (+ / ✕ / clear) and by rules. */
export function CoursesPage() {
  const { id } = useCurrentDistrict();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [filter, setFilter] = useState<Filter>('all');
  const [school, setSchool] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const courses = useCourses(id, {
    page,
    size: PAGE_SIZE,
    search: debounced || undefined,
    effectivelyIncluded: filter === 'all' ? undefined : filter === 'included',
    school: school ?? undefined,
  });
  const narrowed = Boolean(debounced || school);
  const schools = useCourseSchools(id);
  const schoolNames = new Map((schools.data?.items ?? []).map((s) => [s.sourcedId, s.name]));
  const schoolName = school ? schoolNames.get(school) ?? school : undefined;
  const includeAllWhat = [
    'Including every course',
    schoolName && `of ${schoolName}`,
    debounced && `matching “${debounced}”`,
  ].filter(Boolean).join(' ');
  const choose = useSetCourseChoice();
  const select = useSelectCourses();
  const refresh = useRefreshCourses();

  const runSelection = (body: CourseSelection, what: string) =>
    select.mutate(
      { districtId: id, body },
      {
        onSuccess: (r) => {
          setChecked(new Set());
          notifySaved(`${what}: ${r.changed ?? 0} changed, ${r.includedTotal ?? 0} courses included in total.`);
        },
        onError: (e) => notifyFailed(what, e),
      },
    );
  const chooseOne = (c: Course, included: boolean | null, what: string) =>
    choose.mutate({ districtId: id, sourcedId: c.sourcedId!, included }, { onError: (e) => notifyFailed(what, e) });
  const loadFromSis = () =>
    refresh.mutate(id, {
      onSuccess: (r) => notifySaved(`Loaded ${r.discovered ?? 0} courses from your SIS (${r.added ?? 0} new, ${r.removed ?? 0} gone).`),
      onError: (e) => notifyFailed('Loading courses from your SIS', e),
    });

  const items = courses.data?.items ?? [];
  const pageIds = items.map((c) => c.sourcedId!).filter(Boolean);
  const allOnPage = pageIds.length > 0 && pageIds.every((sid) => checked.has(sid));
  const toggle = (sid: string) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(sid)) next.delete(sid);
      else next.add(sid);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Courses"
        description="Choose the courses whose classes get licenses. Rules decide for courses you haven’t chosen by hand."
        actions={
          <Button variant="default" loading={refresh.isPending} onClick={loadFromSis}>
            Load courses from your SIS
          </Button>
        }
      />
      <Stack gap="lg">
        <CourseRules districtId={id} />
        <section aria-label="Courses">
          <Group align="flex-end" mb="md" gap="md" wrap="wrap">
            <TextInput
              label="Search courses"
              placeholder="Title, code or id"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(0);
              }}
              w={300}
            />
            <SchoolFilter
              districtId={id}
              value={school}
              onChange={(next) => {
                setSchool(next);
                setPage(0);
              }}
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
            <Button size="xs" disabled={checked.size === 0} loading={select.isPending} onClick={() => runSelection({ include: [...checked] }, 'Including the selected courses')}>
              Include selected ({checked.size})
            </Button>
            <Button size="xs" variant="default" disabled={checked.size === 0} onClick={() => runSelection({ exclude: [...checked] }, 'Leaving out the selected courses')}>
              Leave out selected
            </Button>
            <Button size="xs" variant="default" disabled={checked.size === 0} onClick={() => runSelection({ clear: [...checked] }, 'Handing the selected courses back to the rules')}>
              Clear selected (rules decide)
            </Button>
            <Button
              size="xs"
              variant="light"
              disabled={(courses.data?.total ?? 0) === 0}
              onClick={() =>
                runSelection(
                  { all: true, included: true, search: debounced || undefined, school: school ?? undefined },
                  includeAllWhat,
                )
              }
            >
              {narrowed ? `Include all ${courses.data?.total ?? ''} matching` : 'Include all courses'}
            </Button>
          </Group>
          <QueryState query={courses} loadingLabel="Loading courses…">
            {(result) =>
              (result.items ?? []).length === 0 ? (
                narrowed || filter !== 'all' ? (
                  <EmptyState title="No courses match" message="Try a different search or school, or show all courses." />
                ) : (
                  <EmptyState
                    title="No courses loaded yet"
                    message="Rosterline reads the courses of your included schools from your SIS."
                    action={
                      <Button loading={refresh.isPending} onClick={loadFromSis}>
                        Load courses from your SIS
                      </Button>
                    }
                  />
                )
              ) : (
                <Stack gap={0}>
                  <Table striped highlightOnHover aria-busy={courses.isFetching}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40}>
                          <Checkbox
                            aria-label="Select every course on this page"
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
                        <Table.Th scope="col">Course</Table.Th>
                        <Table.Th scope="col">Code</Table.Th>
                        <Table.Th scope="col">School</Table.Th>
                        <Table.Th scope="col">Subjects</Table.Th>
                        <Table.Th scope="col">Included</Table.Th>
                        <Table.Th scope="col">
                          <span className="sr-only">Include, leave out or clear</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(result.items ?? []).map((c) => (
                        <Table.Tr key={c.sourcedId}>
                          <Table.Td>
                            <Checkbox aria-label={`Select ${c.title}`} checked={checked.has(c.sourcedId!)} onChange={() => toggle(c.sourcedId!)} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{c.title}</Text>
                            <Text size="xs" c="dimmed">
                              {c.sourcedId}
                            </Text>
                          </Table.Td>
                          <Table.Td>{c.courseCode}</Table.Td>
                          <Table.Td>{schoolNames.get(c.schoolSourcedId) ?? c.schoolSourcedId}</Table.Td>
                          <Table.Td>{(c.subjects ?? []).join(', ')}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={c.effectivelyIncluded ? 'green' : 'gray'}>
                              {c.effectivelyIncluded ? 'Included' : 'Not included'}
                            </Badge>
                            <Text size="xs" c="dimmed" mt={2}>
                              {REASONS[c.reason ?? 'NO_CHOICE']}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Tooltip label={`Include ${c.title}`}>
                                <ActionIcon
                                  variant={c.explicitChoice === true ? 'filled' : 'default'}
                                  aria-label={`Include ${c.title}`}
                                  aria-pressed={c.explicitChoice === true}
                                  onClick={() => chooseOne(c, true, `Including ${c.title}`)}
                                >
                                  <span aria-hidden>+</span>
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label={`Leave out ${c.title}`}>
                                <ActionIcon
                                  variant={c.explicitChoice === false ? 'filled' : 'default'}
                                  color={c.explicitChoice === false ? 'red' : undefined}
                                  aria-label={`Leave out ${c.title}`}
                                  aria-pressed={c.explicitChoice === false}
                                  onClick={() => chooseOne(c, false, `Leaving out ${c.title}`)}
                                >
                                  <span aria-hidden>✕</span>
                                </ActionIcon>
                              </Tooltip>
                              {c.explicitChoice != null && (
                                <Button size="compact-xs" variant="subtle" aria-label={`Clear your choice for ${c.title}`} onClick={() => chooseOne(c, null, `Clearing ${c.title}`)}>
                                  Clear
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="courses" />
                </Stack>
              )
            }
          </QueryState>
        </section>
      </Stack>
    </>
  );
}
