import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, type ReactNode } from 'react';
import { calendarAriaLabels } from '@/components/ui/calendar-labels';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { fieldErrorsFor } from '@/lib/form-errors';
import { toPlainError } from '@/lib/problem';
import type { SafetySettings } from '../api/get-safety-settings';
import { useUpdateSafetySettings } from '../api/update-safety-settings';
import { FORM_FIELDS, toFormValues, toRequestBody, validateSafetyForm, type SafetyFormValues } from './form-values';
import { MatchOrder } from './match-order';
import { matchOrderError } from './match-order-rules';

type Form = UseFormReturnType<SafetyFormValues>;

export function SafetySettingsForm({ districtId, saved, canEdit }: { districtId: string; saved: SafetySettings; canEdit: boolean }) {
  const update = useUpdateSafetySettings();
  const form = useForm<SafetyFormValues>({ initialValues: toFormValues(saved), validate: validateSafetyForm });

  useEffect(() => {
    const errors = fieldErrorsFor(update.error, [...FORM_FIELDS]);
    const order = matchOrderError(update.error, update.variables?.body.accountMatchOrder);
    if (order) errors.accountMatchOrder = order;
    if (Object.keys(errors).length) form.setErrors(errors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [update.error]);

  const submit = (values: SafetyFormValues) =>
    update.mutate(
      { districtId, body: toRequestBody(saved, values) },
      {
        onSuccess: (stored) => {
          form.setInitialValues(toFormValues(stored));
          form.setValues(toFormValues(stored));
          notifySaved('Safety settings saved. The next sync is judged by them.');
        },
        onError: (error) => notifyFailed('Saving the safety settings', error),
      },
    );

  const plain = update.error ? toPlainError(update.error) : null;

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="Safety settings">
      <Stack gap="xl" maw={820}>
        {!canEdit && (
          <Alert color="gray" title="View only" role="status">
            Only your district’s admins and Rosterline support can change the safety settings.
          </Alert>
        )}
        {plain && (
          <Alert color="red" title={plain.title} role="alert">
            {plain.message}
          </Alert>
        )}
        <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="xl">
            <DistrictThresholds form={form} />
            <SchoolThresholds form={form} district={saved} />
            <Rollover form={form} />
            <WhileHeld form={form} />
          </Stack>
        </fieldset>
        <MatchOrder
          order={form.getValues().accountMatchOrder}
          standard={saved.standardAccountMatchOrder}
          changed={form.isDirty('accountMatchOrder')}
          canEdit={canEdit}
          onChange={(order) => form.setFieldValue('accountMatchOrder', order)}
          error={form.errors.accountMatchOrder}
        />
        {canEdit && (
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save safety settings
            </Button>
            {form.isDirty() && (
              <Button variant="default" onClick={form.reset} disabled={update.isPending}>
                Undo changes
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}

function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {children}
    </Stack>
  );
}

const RECORD_TYPES = [
  { what: 'People', percent: 'userRemovalPercent', count: 'userRemovalMinCount' },
  { what: 'Enrollments', percent: 'enrollmentRemovalPercent', count: 'enrollmentRemovalMinCount' },
  { what: 'License assignments', percent: 'licenseRemovalPercent', count: 'licenseRemovalMinCount' },
] as const;

function DistrictThresholds({ form }: { form: Form }) {
  return (
    <Section
      id="district-thresholds-title"
      title="When a sync waits for your review"
      intro="A sync is held for your decision, instead of applied, when it would remove more than this share of a kind of record across the district and at least this many of them."
    >
      {RECORD_TYPES.map((r) => (
        <SimpleGrid key={r.what} cols={{ base: 1, sm: 2 }}>
          <NumberInput label={`${r.what}: share removed (%)`} min={0} max={100} allowNegative={false} suffix=" %" required {...form.getInputProps(r.percent)} />
          <NumberInput label={`${r.what}: and at least this many`} min={0} allowNegative={false} allowDecimal={false} thousandSeparator="," required {...form.getInputProps(r.count)} />
        </SimpleGrid>
      ))}
    </Section>
  );
}

const SCHOOL_RECORD_TYPES = [
  { what: 'People', percent: 'schoolUserRemovalPercent', count: 'schoolUserRemovalMinCount', districtPercent: 'userRemovalPercent', districtCount: 'userRemovalMinCount' },
  {
    what: 'Enrollments',
    percent: 'schoolEnrollmentRemovalPercent',
    count: 'schoolEnrollmentRemovalMinCount',
    districtPercent: 'enrollmentRemovalPercent',
    districtCount: 'enrollmentRemovalMinCount',
  },
] as const;

function SchoolThresholds({ form, district }: { form: Form; district: SafetySettings }) {
  return (
    <Section
      id="school-thresholds-title"
      title="Each school on its own"
      intro="One school losing most of its records also holds a sync. Leave a field empty to use the district-wide number above."
    >
      {SCHOOL_RECORD_TYPES.map((r) => (
        <SimpleGrid key={r.what} cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={`${r.what} per school: share removed (%)`}
            placeholder={`Same as the district (${district[r.districtPercent]} %)`}
            min={0}
            max={100}
            allowNegative={false}
            suffix=" %"
            {...form.getInputProps(r.percent)}
          />
          <NumberInput
            label={`${r.what} per school: and at least this many`}
            placeholder={`Same as the district (${district[r.districtCount]})`}
            min={0}
            allowNegative={false}
            allowDecimal={false}
            thousandSeparator=","
            {...form.getInputProps(r.count)}
          />
        </SimpleGrid>
      ))}
      <NumberInput
        label="Smallest class that counts (students)"
        description="Classes with fewer students are left out of the per-school check, so a tiny class emptying out never holds a sync."
        min={0}
        allowNegative={false}
        allowDecimal={false}
        required
        maw={400}
        {...form.getInputProps('minClassSize')}
      />
    </Section>
  );
}

function Rollover({ form }: { form: Form }) {
  return (
    <Section
      id="rollover-title"
      title="School-year rollover"
      intro="Between school years many records leave at once. Inside these dates a sync is held only above the share below."
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput
          label="Rollover starts"
          valueFormat="MMM D, YYYY"
          placeholder="No rollover window"
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the rollover start' }}
          ariaLabels={calendarAriaLabels}
          {...form.getInputProps('rolloverStart')}
        />
        <DateInput
          label="Rollover ends"
          valueFormat="MMM D, YYYY"
          placeholder="No rollover window"
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the rollover end' }}
          ariaLabels={calendarAriaLabels}
          minDate={form.getValues().rolloverStart ?? undefined}
          {...form.getInputProps('rolloverEnd')}
        />
      </SimpleGrid>
      <NumberInput
        label="Share that may be removed during rollover (%)"
        min={0}
        max={100}
        allowNegative={false}
        suffix=" %"
        required
        maw={400}
        {...form.getInputProps('rolloverRemovalPercent')}
      />
    </Section>
  );
}

function WhileHeld({ form }: { form: Form }) {
  return (
    <Section id="while-held-title" title="Other safety rules" intro="What happens while a sync waits, and who hears about it.">
      <Switch
        label="Add new people, classes and licenses while a sync waits for review"
        description="Removals always wait for your decision; with this on, the safe additions are applied right away."
        {...form.getInputProps('applyAdditionsWhileHeld', { type: 'checkbox' })}
      />
      <NumberInput
        label="Stop an import when a kind of record shrinks below (%)"
        description="Compared with the last good import. Catches a broken SIS export, such as a missing file or column."
        min={0}
        max={100}
        allowNegative={false}
        suffix=" %"
        required
        maw={400}
        {...form.getInputProps('minSourcePercent')}
      />
      <NumberInput
        label="Days a removed license stays usable"
        description="A student who re-enrolls within these days keeps the license and its seat. 0 removes it at once."
        min={0}
        max={365}
        allowNegative={false}
        allowDecimal={false}
        required
        maw={400}
        {...form.getInputProps('licenseGraceDays')}
      />
      <TextInput
        label="Email for held and failed syncs"
        description="Rosterline writes here when a sync waits for review or fails. Leave empty for no email."
        type="email"
        autoComplete="email"
        placeholder="e.g. rostering@district.org"
        maw={400}
        {...form.getInputProps('notificationEmail')}
      />
      <Switch
        label="Nightly dry runs while the district is in setup"
        description="Each night Rosterline reads your SIS and works out who would gain or lose a license, without changing anything. The results are listed below."
        {...form.getInputProps('shadowNightly', { type: 'checkbox' })}
      />
    </Section>
  );
}
