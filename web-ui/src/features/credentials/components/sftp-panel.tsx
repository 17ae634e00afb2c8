import { Alert, Badge, Button, Code, CopyButton, FileButton, Group, Modal, Paper, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { fieldErrorsFor } from '@/lib/form-errors';
import { useAddSftpKey } from '../api/add-sftp-key';
import { useSftpAccount } from '../api/get-sftp-account';
import { useRemoveSftpKey } from '../api/remove-sftp-key';
import { useSetSftpPassword } from '../api/set-sftp-password';
import { useUpdateSftpAccount } from '../api/update-sftp-account';

/** CSV districts upload OneRoster zips to Rosterline's SFTP server: where, who, and how they sign in. */
export function SftpPanel() {
  const { id, timezone } = useCurrentDistrict();
  const account = useSftpAccount(id);
  const update = useUpdateSftpAccount();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="sftp-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="sftp-title">
          SFTP upload account
        </Title>
        <QueryState query={account} loadingLabel="Loading the SFTP account…">
          {(a) =>
            !a.configured ? (
              <Stack gap="sm" align="flex-start">
                <Text>Your SIS sends OneRoster CSV zip files to Rosterline over SFTP. Create the account to get its address and user name.</Text>
                <Button
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate(
                      { districtId: id, enabled: true },
                      { onSuccess: () => notifySaved('SFTP account created.'), onError: (e) => notifyFailed('Creating the SFTP account', e) },
                    )
                  }
                >
                  Create SFTP account
                </Button>
              </Stack>
            ) : (
              <Stack gap="md">
                <Table variant="vertical" layout="fixed" withTableBorder>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th w={200}>Host</Table.Th>
                      <Table.Td>
                        <Code>{a.host}</Code>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Port</Table.Th>
                      <Table.Td>
                        <Code>{a.port}</Code>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>User name</Table.Th>
                      <Table.Td>
                        <Code>{a.username}</Code>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Server fingerprint</Table.Th>
                      <Table.Td>
                        <Text size="xs" style={{ wordBreak: 'break-all' }}>
                          {a.hostKeyFingerprint ?? '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>Password</Table.Th>
                      <Table.Td>{a.passwordSet ? `Set ${formatDateTime(a.passwordSetAt, timezone)}` : 'Not set'}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                <Switch
                  label="Allow logins"
                  description="Turn off to stop uploads without deleting the account"
                  checked={a.enabled ?? false}
                  disabled={update.isPending}
                  onChange={(e) =>
                    update.mutate(
                      { districtId: id, enabled: e.currentTarget.checked },
                      {
                        onSuccess: (r) => notifySaved(r.enabled ? 'SFTP logins are on.' : 'SFTP logins are off.'),
                        onError: (err) => notifyFailed('Changing SFTP logins', err),
                      },
                    )
                  }
                />
                <PasswordControls districtId={id} />
                <KeyList districtId={id} keys={a.publicKeys ?? []} timezone={timezone} />
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function PasswordControls({ districtId }: { districtId: string }) {
  const setPassword = useSetSftpPassword();
  const [generated, setGenerated] = useState<string | null>(null);
  return (
    <>
      <Group>
        <Button
          variant="default"
          loading={setPassword.isPending}
          onClick={() =>
            setPassword.mutate(
              { districtId },
              { onSuccess: (r) => setGenerated(r.generatedPassword ?? null), onError: (e) => notifyFailed('Generating a password', e) },
            )
          }
        >
          Generate a new password
        </Button>
      </Group>
      <Modal opened={generated !== null} onClose={() => setGenerated(null)} title="Your new SFTP password">
        <Stack>
          <Text size="sm">Copy it now and give it to whoever sets up the uploads: Rosterline will not show it again.</Text>
          <Code block>{generated}</Code>
          <Group justify="flex-end">
            <CopyButton value={generated ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy password'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setGenerated(null)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

type Key = { id?: string; type?: string; fingerprint?: string; comment?: string; addedAt?: string };

function KeyList({ districtId, keys, timezone }: { districtId: string; keys: Key[]; timezone?: string }) {
  const add = useAddSftpKey();
  const remove = useRemoveSftpKey();
  const [publicKey, setPublicKey] = useState('');
  const error = fieldErrorsFor(add.error, ['publicKey']).publicKey;
  const submit = (key: string) =>
    add.mutate(
      { districtId, publicKey: key.trim() },
      {
        onSuccess: () => {
          setPublicKey('');
          notifySaved('SSH key added.');
        },
        onError: (e) => notifyFailed('Adding the SSH key', e),
      },
    );
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        SSH keys
      </Title>
      {keys.length === 0 ? (
        <Text size="sm" c="dimmed">
          No SSH keys yet. Add the public key of the machine that uploads, or use the password.
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Key</Table.Th>
              <Table.Th scope="col">Added</Table.Th>
              <Table.Th scope="col">
                <span className="sr-only">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>
                  <Badge variant="light" color="gray" mr="xs">
                    {k.type}
                  </Badge>
                  <Text span size="sm">
                    {k.comment || k.fingerprint}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {k.fingerprint}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(k.addedAt, timezone)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    aria-label={`Remove key ${k.comment || k.fingerprint}`}
                    loading={remove.isPending && remove.variables?.keyId === k.id}
                    onClick={() =>
                      k.id &&
                      remove.mutate(
                        { districtId, keyId: k.id },
                        { onSuccess: () => notifySaved('SSH key removed.'), onError: (e) => notifyFailed('Removing the SSH key', e) },
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
      )}
      <Textarea
        label="Add a public key"
        description="Paste the contents of a .pub file (ssh-ed25519 or ssh-rsa), or upload the file"
        autosize
        minRows={2}
        value={publicKey}
        onChange={(e) => setPublicKey(e.currentTarget.value)}
        error={error}
      />
      <Group>
        <Button disabled={!publicKey.trim()} loading={add.isPending} onClick={() => submit(publicKey)}>
          Add key
        </Button>
        <FileButton accept=".pub,text/plain" onChange={(file) => file && void file.text().then(submit)}>
          {(props) => (
            <Button variant="default" {...props}>
              Upload .pub file
            </Button>
          )}
        </FileButton>
      </Group>
      {add.isError && !error && (
        <Alert color="red" role="alert">
          The key was not added. Check that it is a public key (it starts with ssh-) and try again.
        </Alert>
      )}
    </Stack>
  );
}
