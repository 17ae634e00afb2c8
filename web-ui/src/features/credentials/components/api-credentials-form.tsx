import { Alert, Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { Schemas } from '@/api/client';
import { notifyFailed } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { fieldErrorsFor } from '@/lib/form-errors';
import { toPlainError } from '@/lib/problem';
import { notifications } from '@mantine/notifications';
import { useCredentials, type SisCredentials } from '../api/get-credentials';
import { useSaveCredentials } from '../api/save-credentials';
import { useValidateCredentials } from '../api/validate-credentials';
import {
  DEFAULT_CLIENT_AUTH,
  DEFAULT_SIGNATURE_METHOD,
  SignInOptions,
  type ClientAuth,
  type SignatureMethod,
} from './sign-in-options';

type AuthMethod = Schemas['AuthMethod'];
const AUTH_METHODS: { value: AuthMethod; label: string }[] = [
  { value: 'DETECT', label: 'Detect for me' },
  { value: 'OAUTH2', label: 'OAuth 2' },
  { value: 'OAUTH1', label: 'OAuth 1' },
];

type Values = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  authMethod: AuthMethod;
  tokenUrl: string;
  scope: string;
  oauth1SignatureMethod: SignatureMethod;
  oauth2ClientAuth: ClientAuth;
};
const FIELDS = ['baseUrl', 'clientId', 'clientSecret', 'authMethod', 'tokenUrl', 'scope', 'oauth1SignatureMethod', 'oauth2ClientAuth'];

export function ApiCredentialsForm({ platform }: { platform: Schemas['RosterPlatform'] }) {
  const { id } = useCurrentDistrict();
  const credentials = useCredentials(id);
  return (
    <QueryState query={credentials} loadingLabel="Loading saved details…">
      {(c) => <Form key={`${platform}-${c.updatedAt ?? 'new'}`} districtId={id} saved={c} />}
    </QueryState>
  );
}

function Form({ districtId, saved }: { districtId: string; saved: SisCredentials }) {
  const { timezone } = useCurrentDistrict();
  const save = useSaveCredentials();
  const validate = useValidateCredentials();
  const form = useForm<Values>({
    initialValues: {
      baseUrl: saved.baseUrl ?? '',
      clientId: saved.clientId ?? '',
      clientSecret: '',
      authMethod: saved.authMethod ?? 'DETECT',
      tokenUrl: saved.tokenUrl ?? '',
      scope: saved.scope ?? '',
      oauth1SignatureMethod: saved.oauth1SignatureMethod ?? DEFAULT_SIGNATURE_METHOD,
      oauth2ClientAuth: saved.oauth2ClientAuth ?? DEFAULT_CLIENT_AUTH,
    },
    validate: {
      baseUrl: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter the address of your SIS, starting with https://'),
      clientId: (v) => (v.trim() ? null : 'Enter the client id (key) your SIS gave you'),
      clientSecret: (v) => (v || saved.secretSet ? null : 'Enter the client secret your SIS gave you'),
    },
  });

  useEffect(() => {
    const errors = fieldErrorsFor(save.error, FIELDS);
    if (Object.keys(errors).length) form.setErrors(errors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save.error]);

  const announce = (result: SisCredentials) => {
    const v = result.validation;
    if (v?.status === 'VALID') {
      notifications.show({
        color: 'green',
        title: 'Connected',
        message: `Connected to ${v.districtName ?? 'your SIS'}${v.schoolCount != null ? `, ${v.schoolCount} schools found` : ''}.`,
        closeButtonProps: { 'aria-label': 'Dismiss' },
      });
    } else if (v?.status === 'INVALID') {
      notifications.show({
        color: 'red',
        title: 'Saved, but the SIS did not accept these details',
        message: v.message ?? 'Check the details and save again.',
        autoClose: 10000,
        closeButtonProps: { 'aria-label': 'Dismiss' },
      });
    }
  };

  // mutateAsync, not mutate's callbacks: saving refreshes the stored details, which remounts this form (its key),
  // and a mutate callback of an unmounted form never runs, so the result would go unannounced.
  const submit = (values: Values) =>
    save.mutateAsync(
      {
        districtId,
        body: {
          baseUrl: values.baseUrl.trim(),
          clientId: values.clientId.trim(),
          // Left empty, the stored secret is kept: it is write-only and never sent back to the browser.
          clientSecret: values.clientSecret || undefined,
          authMethod: values.authMethod,
          tokenUrl: values.tokenUrl.trim() || undefined,
          scope: values.scope.trim() || undefined,
          // Sent even when hidden for the chosen sign-in method, so switching methods never resets the other choice.
          oauth1SignatureMethod: values.oauth1SignatureMethod,
          oauth2ClientAuth: values.oauth2ClientAuth,
        },
      },
    ).then(announce, (error) => notifyFailed('Saving the connection', error));

  const plain = save.error ? toPlainError(save.error) : null;
  const v = saved.validation;

  return (
    <Stack gap="lg">
      <ConnectionStatus validation={v} timezone={timezone} />
      <form onSubmit={form.onSubmit(submit)} noValidate aria-label="SIS connection">
        <Stack gap="md">
          <Title order={2} size="h4">
            Connection details
          </Title>
          {plain && (
            <Alert color="red" title={plain.title} role="alert">
              {plain.message}
            </Alert>
          )}
          <TextInput label="SIS address" description="The base URL of your SIS's OneRoster API" required placeholder="e.g. https://sis.example.org/ims/oneroster/v1p1" {...form.getInputProps('baseUrl')} />
          <TextInput label="Client id" description="Also called key" required autoComplete="off" {...form.getInputProps('clientId')} />
          <PasswordInput
            label="Client secret"
            description={
              saved.secretSet
                ? `A secret is set, ending …${saved.secretLastFour ?? '****'}. Leave this empty to keep it.`
                : 'Rosterline stores it encrypted and never shows it again.'
            }
            placeholder={saved.secretSet ? `set, ending …${saved.secretLastFour ?? '****'}` : undefined}
            required={!saved.secretSet}
            autoComplete="new-password"
            {...form.getInputProps('clientSecret')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="auth-method-label">
              Sign-in method
            </Text>
            <SegmentedControl aria-labelledby="auth-method-label" data={AUTH_METHODS} {...form.getInputProps('authMethod')} />
            {saved.workingMethod && (
              <Text size="xs" c="dimmed">
                Last working method: {AUTH_METHODS.find((m) => m.value === saved.workingMethod)?.label}
              </Text>
            )}
          </Stack>
          <TextInput label="Token address" description="Only if your SIS uses a separate OAuth 2 token URL" {...form.getInputProps('tokenUrl')} />
          <TextInput label="Scope" description="Only if your SIS asks for one" {...form.getInputProps('scope')} />
          <SignInOptions form={form} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save and check
            </Button>
            {saved.configured && (
              <Button
                variant="default"
                loading={validate.isPending}
                onClick={() => validate.mutateAsync(districtId).then(announce, (e) => notifyFailed('Checking the connection', e))}
              >
                Check again
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function ConnectionStatus({ validation, timezone }: { validation: SisCredentials['validation']; timezone?: string }) {
  if (!validation || validation.status === 'NOT_CHECKED') {
    return (
      <Alert color="gray" title="Not connected yet" role="status">
        Enter the details from your SIS and choose Save and check.
      </Alert>
    );
  }
  if (validation.status === 'VALID') {
    return (
      <Alert color="green" title="Connected" role="status">
        Connected to {validation.districtName ?? 'your SIS'}
        {validation.schoolCount != null && `, ${validation.schoolCount} schools found`}. Checked {formatDateTime(validation.checkedAt, timezone)}.
      </Alert>
    );
  }
  return (
    <Alert color="red" title="The SIS did not accept these details" role="status">
      {validation.message ?? 'Check the details below and save again.'} Checked {formatDateTime(validation.checkedAt, timezone)}.
    </Alert>
  );
}
