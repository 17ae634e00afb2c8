import { Alert, Select, Stack } from '@mantine/core';
import type { Schemas } from '@/api/client';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentDistrict } from '@/lib/district';
import { isCsvPlatform, platformLabels } from '@/lib/platforms';
import { useDistrictPlatform } from '../api/get-district-platform';
import { useUpdatePlatform } from '../api/update-platform';
import { ApiCredentialsForm } from './api-credentials-form';
import { SftpPanel } from './sftp-panel';
import { UploadsTable } from './uploads-table';

/** Step 1: how Rosterline reaches the district's SIS — API details, or CSV zips dropped on our SFTP server. */
export function CredentialsPage() {
  const { id } = useCurrentDistrict();
  const district = useDistrictPlatform(id);
  const updatePlatform = useUpdatePlatform();
  return (
    <>
      <PageHeader
        title="Credentials"
        description="Connect your student information system so Rosterline can read schools, classes and enrollments."
      />
      <QueryState query={district} loadingLabel="Loading the connection…">
        {(d) => (
          <Stack gap="xl" maw={820}>
            <Select
              label="Student information system"
              description="Changing it keeps the details you saved for the other kind of connection."
              data={Object.entries(platformLabels).map(([value, label]) => ({ value, label }))}
              value={d.platform ?? null}
              placeholder="Choose your system"
              allowDeselect={false}
              disabled={updatePlatform.isPending}
              onChange={(value) =>
                value &&
                updatePlatform.mutate(
                  { districtId: id, platform: value as Schemas['RosterPlatform'] },
                  {
                    onSuccess: () => notifySaved(`System set to ${platformLabels[value as Schemas['RosterPlatform']]}.`),
                    onError: (error) => notifyFailed('Changing the system', error),
                  },
                )
              }
              maw={420}
            />
            {!d.platform ? (
              <Alert color="blue" title="Choose your system first">
                Pick the student information system your district uses; the form for its details appears here.
              </Alert>
            ) : isCsvPlatform(d.platform) ? (
              <>
                <SftpPanel />
                <UploadsTable />
              </>
            ) : (
              <ApiCredentialsForm platform={d.platform} />
            )}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
