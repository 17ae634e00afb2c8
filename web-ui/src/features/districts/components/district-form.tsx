import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { fieldErrorsFor } from '@/lib/form-errors';
import { platformLabels, type Platform } from '@/lib/platforms';
import { toPlainError } from '@/lib/problem';


const timezones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  }
})();

export type DistrictFormValues = {
  name: string;
  state: string;
  ncesId: string;
  timezone: string;
  platform: Platform | '';
  nightlyWindow: { start: string; end: string };
};

export const emptyDistrict: DistrictFormValues = {
  name: '',
  state: '',
  ncesId: '',
  timezone: 'America/New_York',
  platform: 'ONEROSTER_API',
  nightlyWindow: { start: '00:00', end: '02:00' },
};

const FIELDS = ['name', 'state', 'ncesId', 'timezone', 'platform', 'nightlyWindow.start', 'nightlyWindow.end', 'nightlyWindow'];

export function DistrictForm({
  initialValues,
  submitLabel,
  onSubmit,
  pending,
  error,
  supportFieldsEditable,
  onCancel,
}: {
  initialValues: DistrictFormValues;
  submitLabel: string;
  onSubmit: (values: DistrictFormValues) => void;
  pending: boolean;
  error: unknown;
  /** Name, state and NCES id are for support staff; a district admin sees them read-only. */
  supportFieldsEditable: boolean;
  onCancel?: () => void;
}) {
  const form = useForm<DistrictFormValues>({
    initialValues,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the district’s name'),
      state: (v) => (/^[A-Za-z]{2}$/.test(v.trim()) ? null : 'Use the two-letter state code, for example CA'),
      ncesId: (v) => (v === '' || /^\d{7}$/.test(v.trim()) ? null : 'The NCES district id has 7 digits, for example 0612345'),
      timezone: (v) => (v ? null : 'Choose the district’s time zone'),
      nightlyWindow: {
        start: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : 'Enter a time like 00:00'),
        end: (v) => (/^\d{2}:\d{2}$/.test(v) ? null : 'Enter a time like 02:00'),
      },
    },
  });

  // Field errors from the API land under the fields they are about.
  useEffect(() => {
    const errors = fieldErrorsFor(error, FIELDS);
    if (Object.keys(errors).length) form.setErrors(errors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);

  const plain = error ? toPlainError(error) : null;

  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate aria-label="District settings">
      <Stack gap="md" maw={720}>
        {plain && (
          <Alert color="red" title={plain.title} role="alert">
            {plain.message}
          </Alert>
        )}
        <TextInput label="District name" required disabled={!supportFieldsEditable} {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="State"
            description="Two-letter code"
            required
            maxLength={2}
            disabled={!supportFieldsEditable}
            {...form.getInputProps('state')}
          />
          <TextInput
            label="NCES district id"
            description="7 digits, optional"
            disabled={!supportFieldsEditable}
            {...form.getInputProps('ncesId')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Time zone"
            description="Dates and the nightly window use this zone"
            searchable
            required
            data={timezones}
            allowDeselect={false}
            {...form.getInputProps('timezone')}
          />
          <Select
            label="Student information system"
            description="How Rosterline reads your rosters"
            data={Object.entries(platformLabels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('platform')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TimeInput
            label="Nightly sync window starts"
            description="District time, 24-hour"
            {...form.getInputProps('nightlyWindow.start')}
          />
          <TimeInput label="Nightly sync window ends" description="District time, 24-hour" {...form.getInputProps('nightlyWindow.end')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

export function toDistrictFormValues(d: {
  name?: string;
  state?: string;
  ncesId?: string;
  timezone?: string;
  platform?: Platform;
  nightlyWindow?: { start: string; end: string };
}): DistrictFormValues {
  return {
    name: d.name ?? '',
    state: d.state ?? '',
    ncesId: d.ncesId ?? '',
    timezone: d.timezone ?? emptyDistrict.timezone,
    platform: d.platform ?? '',
    nightlyWindow: d.nightlyWindow ?? emptyDistrict.nightlyWindow,
  };
}
