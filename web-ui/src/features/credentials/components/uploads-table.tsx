import { Badge, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useUploads } from '../api/get-uploads';

const PAGE_SIZE = 20;
const kb = (bytes?: number) => (bytes == null ? '' : bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Every zip the district uploaded, newest first, with what the check found. */
export function UploadsTable() {
  const { id, timezone } = useCurrentDistrict();
  const [page, setPage] = useState(0);
  const uploads = useUploads(id, page, PAGE_SIZE);
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="uploads-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="uploads-title">
          Uploads and their checks
        </Title>
        <QueryState query={uploads} loadingLabel="Loading uploads…">
          {(result) =>
            (result.items ?? []).length === 0 ? (
              <EmptyState
                title="No uploads yet"
                message="Once your SIS sends its first OneRoster zip over SFTP, it is checked and listed here."
              />
            ) : (
              <>
                <Table verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">File</Table.Th>
                      <Table.Th scope="col">Uploaded</Table.Th>
                      <Table.Th scope="col">Check</Table.Th>
                      <Table.Th scope="col">What was found</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(result.items ?? []).map((u) => (
                      <Table.Tr key={u.id}>
                        <Table.Td>
                          <Text size="sm">{u.filename}</Text>
                          <Text size="xs" c="dimmed">
                            {kb(u.sizeBytes)}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(u.uploadedAt, timezone)}</Table.Td>
                        <Table.Td>
                          <Badge color={u.status === 'ACCEPTED' ? 'green' : 'red'} variant="light">
                            {u.status === 'ACCEPTED' ? 'Accepted' : 'Rejected'}
                          </Badge>
                          {(u.errorCount ?? 0) + (u.warningCount ?? 0) > 0 && (
                            <Text size="xs" c="dimmed">
                              {u.errorCount ?? 0} errors, {u.warningCount ?? 0} warnings
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {u.reason && <Text size="sm">{u.reason}</Text>}
                          {u.counts && Object.keys(u.counts).length > 0 && (
                            <Text size="sm">
                              {Object.entries(u.counts)
                                .map(([file, rows]) => `${file}: ${rows} rows`)
                                .join(' · ')}
                            </Text>
                          )}
                          {(u.firstErrors ?? []).length > 0 && (
                            <List size="xs" mt={4}>
                              {(u.firstErrors ?? []).map((e) => (
                                <List.Item key={e}>{e}</List.Item>
                              ))}
                            </List>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Pager page={page} size={PAGE_SIZE} total={result.total ?? 0} onChange={setPage} label="uploads" />
              </>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
