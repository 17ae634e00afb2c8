import { Button, Checkbox, Group, MultiSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { useMappedCourses, type MappedCourse } from '../api/get-mapped-courses';
import type { Product } from '../api/get-products';
import { useMapCourseLicenses } from '../api/map-course-licenses';
import { useSetCourseLicenses } from '../api/set-course-licenses';
import { EDITIONS } from './license-pools';

const PAGE_SIZE = 25;

/** Product choices grouped by edition, so a course can grant both a teacher and a student edition. */
function productOptions(products: Product[]) {
  return (['TEACHER', 'STUDENT'] as const)
    .map((edition) => ({
      group: EDITIONS[edition],
      items: products.filter((p) => p.edition === edition).map((p) => ({ value: p.id!, label: `${p.title} (${p.sku})` })),
    }))
    .filter((g) => g.items.length > 0);
}

/** Which licenses each included course grants to its teachers and students; one course at a time or many. */
export function CourseLicenses({ districtId, products }: { districtId: string; products: Product[] }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [bulkProducts, setBulkProducts] = useState<string[]>([]);
  const courses = useMappedCourses(districtId, { page, size: PAGE_SIZE, search: debounced || undefined });
  const bulk = useMapCourseLicenses();
  const options = productOptions(products);

  const runBulk = (replace: boolean) =>
    bulk.mutate(
      { districtId, body: { courseSourcedIds: [...checked], productIds: bulkProducts, replace } },
      {
        onSuccess: (r) => {
          setChecked(new Set());
          notifySaved(`${r.courses ?? 0} courses mapped: ${r.mappingsAdded ?? 0} licenses added, ${r.mappingsRemoved ?? 0} removed.`);
        },
        onError: (e) => notifyFailed('Mapping the selected courses', e),
      },
    );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mapping-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="mapping-title">
          Courses and their licenses
        </Title>
        <Text size="sm" c="dimmed">
          Teachers of a class get the course’s teacher editions, students its student editions. Only included courses are listed.
        </Text>
        <TextInput
          label="Search included courses"
          placeholder="Title, code or id"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(0);
          }}
          w={300}
        />
        <Group align="flex-end" gap="sm" role="group" aria-label="Map selected courses">
          <MultiSelect
            label={`Licenses for the ${checked.size} selected courses`}
            placeholder="Choose products"
            data={options}
            value={bulkProducts}
            onChange={setBulkProducts}
            searchable
            w={360}
          />
          <Button size="sm" disabled={checked.size === 0 || bulkProducts.length === 0} loading={bulk.isPending && !bulk.variables?.body.replace} onClick={() => runBulk(false)}>
            Add to selected
          </Button>
          <Button size="sm" variant="default" disabled={checked.size === 0} loading={bulk.isPending && !!bulk.variables?.body.replace} onClick={() => runBulk(true)}>
            Replace on selected
          </Button>
        </Group>
        <QueryState query={courses} loadingLabel="Loading courses…">
          {(result) =>
            (result.items ?? []).length === 0 ? (
              <EmptyState
                title={debounced ? 'No included courses match' : 'No included courses yet'}
                message={debounced ? 'Try a different search.' : 'Include courses in the Courses step first; they appear here to be mapped.'}
              />
            ) : (
              <>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>
                        <span className="sr-only">Select</span>
                      </Table.Th>
                      <Table.Th scope="col">Course</Table.Th>
                      <Table.Th scope="col">Licenses it grants</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(result.items ?? []).map((c) => (
                      <Table.Tr key={c.sourcedId}>
                        <Table.Td>
                          <Checkbox
                            aria-label={`Select ${c.title}`}
                            checked={checked.has(c.sourcedId!)}
                            onChange={() =>
                              setChecked((prev) => {
                                const next = new Set(prev);
                                if (next.has(c.sourcedId!)) next.delete(c.sourcedId!);
                                else next.add(c.sourcedId!);
                                return next;
                              })
                            }
                          />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.title}</Text>
                          <Text size="xs" c="dimmed">
                            {c.courseCode ?? c.sourcedId}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <CourseProducts districtId={districtId} course={c} options={options} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="included courses" />
              </>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function CourseProducts({ districtId, course, options }: { districtId: string; course: MappedCourse; options: ReturnType<typeof productOptions> }) {
  const save = useSetCourseLicenses();
  return (
    <MultiSelect
      aria-label={`Licenses for ${course.title}`}
      placeholder={(course.productIds ?? []).length ? undefined : 'No licenses'}
      data={options}
      value={course.productIds ?? []}
      onChange={(productIds) =>
        save.mutate(
          { districtId, sourcedId: course.sourcedId!, productIds },
          {
            onSuccess: (r) => notifySaved(`${course.title} grants ${(r.products ?? []).length} licenses.`),
            onError: (e) => notifyFailed(`Changing the licenses of ${course.title}`, e),
          },
        )
      }
      disabled={save.isPending}
      searchable
      miw={280}
    />
  );
}
