import { Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useAudit } from '../api/get-audit';

const PAGE_SIZE = 50;

/** "district.updated" -> "District updated" */
const humanize = (action = '') => {
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Change';
};

const show = (v: unknown) => (v === undefined ? 'not set' : v === null ? 'empty' : typeof v === 'object' ? JSON.stringify(v) : String(v));

// Bookkeeping that changes on every write; listing it would hide the change the admin cares about.
const NOISE = new Set(['updatedAt', 'createdAt', 'id']);

/** {nightlyWindow: {end: '02:00'}} -> {'nightlyWindow.end': '02:00'}, so a nested change reads as one line. */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!prefix && NOISE.has(k)) continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

/** Before/after as "field: old → new", one line per changed field. */
export function describeChanges(before: unknown, after: unknown): string[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => (k in b ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`));
}

export function AuditTrail() {
  const { id, timezone } = useCurrentDistrict();
  const [page, setPage] = useState(0);
  const audit = useAudit(id, page, PAGE_SIZE);
  return (
    <>
      <PageHeader title="Audit trail" description="Every change to this district's settings: who, when, and what changed." />
      <QueryState query={audit} loadingLabel="Loading the audit trail…">
        {(result) =>
          (result.items ?? []).length === 0 ? (
            <EmptyState title="No changes recorded yet" message="Changes to settings, schools, courses and licenses will be listed here." />
          ) : (
            <Stack gap={0} aria-busy={audit.isFetching}>
              <Table striped verticalSpacing="sm" captionSide="top">
                <Table.Caption>Changes, newest first. Times are in {timezone ?? 'your time zone'}.</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">What</Table.Th>
                    <Table.Th scope="col">Changes</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(result.items ?? []).map((e) => {
                    const changes = describeChanges(e.before, e.after);
                    return (
                      <Table.Tr key={e.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, timezone)}</Table.Td>
                        <Table.Td>{e.actor ?? 'Rosterline'}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{humanize(e.action)}</Text>
                          <Text size="xs" c="dimmed">
                            {e.entity} {e.entityId}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {changes.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              No field changes
                            </Text>
                          ) : (
                            <Stack gap={2}>
                              {changes.map((c) => (
                                <Code key={c} block={false}>
                                  {c}
                                </Code>
                              ))}
                            </Stack>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="changes" />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
