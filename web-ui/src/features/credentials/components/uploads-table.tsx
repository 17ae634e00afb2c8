import { Badge, Box, Button, Group, List, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useUpload } from '../api/get-upload';
import { useUploads } from '../api/get-uploads';

const PAGE_SIZE = 20;
const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');
const plural = (count: number | undefined, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;
const kb = (bytes?: number) => (bytes == null ? '' : bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Every zip the district uploaded, newest first, with what the check found. */
export function UploadsTable() {
  const { id, timezone } = useCurrentDistrict();
  const [page, setPage] = useState(0);
  const uploads = useUploads(id, page, PAGE_SIZE);
  const [errorsOf, setErrorsOf] = useState<{ id: string; filename: string } | null>(null);
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
                          {(u.errorCount ?? 0) > (u.firstErrors ?? []).length && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              mt={4}
                              aria-label={`Show all ${plural(u.errorCount, 'error', 'errors')} in ${u.filename}`}
                              onClick={() => setErrorsOf({ id: u.id!, filename: u.filename ?? '' })}
                            >
                              Show all {plural(u.errorCount, 'error', 'errors')}
                            </Button>
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
      <Modal opened={errorsOf !== null} onClose={() => setErrorsOf(null)} title={errorsOf ? `Errors in ${errorsOf.filename}` : ''} size="lg">
        {errorsOf && <UploadErrors districtId={id} uploadId={errorsOf.id} />}
      </Modal>
    </Paper>
  );
}

/** Everything the check of one upload kept: rows per file, the reason, every error numbered, and what to do next. */
function UploadErrors({ districtId, uploadId }: { districtId: string; uploadId: string }) {
  const upload = useUpload(districtId, uploadId);
  return (
    <QueryState query={upload} loadingLabel="Loading the errors…">
      {(u) => {
        const errors = u.firstErrors ?? [];
        const counts = Object.entries(u.counts ?? {});
        return (
          <Stack gap="md">
            <Stack gap={4}>
              <Group gap="xs">
                <Badge color={u.status === 'ACCEPTED' ? 'green' : 'red'} variant="light">
                  {u.status === 'ACCEPTED' ? 'Accepted' : 'Rejected'}
                </Badge>
                <Text size="sm">
                  The check found {plural(u.errorCount, 'error', 'errors')} and {plural(u.warningCount, 'warning', 'warnings')}.
                </Text>
              </Group>
              {u.reason && <Text size="sm">{u.reason}</Text>}
            </Stack>
            {counts.length > 0 && (
              <Stack gap={4}>
                <Title order={3} size="h6">
                  Rows per file
                </Title>
                <List size="sm">
                  {counts.map(([file, rows]) => (
                    <List.Item key={file}>
                      {file}: {plural(rows, 'row', 'rows')}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            <Stack gap={4}>
              <Title order={3} size="h6">
                Errors
              </Title>
              {errors.length < (u.errorCount ?? 0) && (
                <Text size="sm" c="dimmed">
                  Rosterline kept the first {n(errors.length)} of {n(u.errorCount)} errors. Once these are fixed, the next upload’s check lists the rest.
                </Text>
              )}
              {errors.length > 0 && (
                <Box role="region" aria-label="All errors, numbered" tabIndex={0} mah={360} style={{ overflowY: 'auto' }}>
                  <List type="ordered" size="sm" spacing={2}>
                    {errors.map((e, i) => (
                      <List.Item key={i}>{e}</List.Item>
                    ))}
                  </List>
                </Box>
              )}
              {(u.warningCount ?? 0) > 0 && (
                <Text size="sm" c="dimmed">
                  {plural(u.warningCount, 'warning', 'warnings')}: values Rosterline could still read. They don’t stop an upload, and only their
                  number is kept.
                </Text>
              )}
            </Stack>
            <Text size="sm" fw={500}>
              Fix these in your SIS export and upload the zip again; Rosterline checks every new upload.
            </Text>
          </Stack>
        );
      }}
    </QueryState>
  );
}
