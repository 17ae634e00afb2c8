import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { paths } from '@/config/paths';
import { useCurrentDistrict } from '@/lib/district';
import { useArchiveDistrict } from '../api/archive-district';
import { useDistrict } from '../api/get-district';
import { useUpdateDistrict } from '../api/update-district';
import { DistrictForm, toDistrictFormValues, type DistrictFormValues } from './district-form';

export function DistrictSettings({ isSupport }: { isSupport: boolean }) {
  const { id } = useCurrentDistrict();
  const district = useDistrict(id);
  const update = useUpdateDistrict();

  const save = (values: DistrictFormValues) =>
    update.mutate(
      {
        districtId: id,
        body: {
          // District admins may not change identity fields; sending them unchanged would be refused.
          ...(isSupport ? { name: values.name.trim(), state: values.state.trim().toUpperCase(), ncesId: values.ncesId.trim() || undefined } : {}),
          timezone: values.timezone,
          platform: values.platform || undefined,
          nightlyWindow: values.nightlyWindow,
        },
      },
      {
        onSuccess: () => notifySaved('District settings saved.'),
        onError: (error) => notifyFailed('Saving district settings', error),
      },
    );

  return (
    <>
      <PageHeader
        title="District settings"
        description="Who the district is, which system it rosters from, and when the nightly sync may run."
      />
      <QueryState query={district} loadingLabel="Loading district settings…">
        {(d) => (
          <Stack gap="xl">
            <DistrictForm
              key={d.updatedAt ?? d.id}
              initialValues={toDistrictFormValues(d)}
              submitLabel="Save settings"
              onSubmit={save}
              pending={update.isPending}
              error={update.error}
              supportFieldsEditable={isSupport}
            />
            {isSupport && <ArchiveDistrict districtId={id} name={d.name ?? 'this district'} />}
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function ArchiveDistrict({ districtId, name }: { districtId: string; name: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const archive = useArchiveDistrict();
  const navigate = useNavigate();
  return (
    <Stack gap="xs" maw={720}>
      <Text fw={600}>Archive district</Text>
      <Text size="sm" c="dimmed">
        Archiving stops nightly syncs for {name} and hides it from the district list. Its history is kept.
      </Text>
      <div>
        <Button color="red" variant="light" onClick={open}>
          Archive district…
        </Button>
      </div>
      <Modal opened={opened} onClose={close} title={`Archive ${name}?`}>
        <Stack>
          <Text size="sm">Nightly syncs stop tonight. Teachers and students keep the licenses they have now.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep district
            </Button>
            <Button
              color="red"
              loading={archive.isPending}
              onClick={() =>
                archive.mutate(districtId, {
                  onSuccess: () => {
                    notifySaved(`${name} was archived.`);
                    navigate(paths.adminDistricts);
                  },
                  onError: (error) => {
                    close();
                    notifyFailed('Archiving the district', error);
                  },
                })
              }
            >
              Archive
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
