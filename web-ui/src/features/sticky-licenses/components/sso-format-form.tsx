import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { QueryState } from '@/components/ui/query-state';
import { fieldErrorsFor } from '@/lib/form-errors';
import { useSsoFormat, type SsoFormat } from '../api/get-sso-format';
import { useUpdateSsoFormat } from '../api/update-sso-format';

type Values = { emailDomain: string; loginPattern: string };
const FIELDS = ['emailDomain', 'loginPattern'];
// The API's own pattern for a domain (SsoFormat.emailDomain).
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/**
 * How the district's single sign-on names people, so a person entered by hand can sign in: the checks the form above
 * applies. Empty turns a check off.
 */
export function SsoFormatSection({ districtId, canEdit }: { districtId: string; canEdit: boolean }) {
  const sso = useSsoFormat(districtId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="sso-format-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sso-format-title">
          Your SSO’s sign-in format
        </Title>
        <Text size="sm" c="dimmed">
          People entered by hand must match how your single sign-on names people, or they cannot sign in. Leave a field
          empty to skip that check.
        </Text>
        <QueryState query={sso} loadingLabel="Loading the sign-in format…">
          {(saved) => <SsoFormatForm key={`${saved.emailDomain}|${saved.loginPattern}`} districtId={districtId} saved={saved} canEdit={canEdit} />}
        </QueryState>
      </Stack>
    </Paper>
  );
}

function SsoFormatForm({ districtId, saved, canEdit }: { districtId: string; saved: SsoFormat; canEdit: boolean }) {
  const update = useUpdateSsoFormat();
  const form = useForm<Values>({
    initialValues: { emailDomain: saved.emailDomain ?? '', loginPattern: saved.loginPattern ?? '' },
    validate: {
      emailDomain: (v) => (!v.trim() || DOMAIN.test(v.trim().replace(/^@/, '')) ? null : 'Enter a domain like district.k12.ca.us'),
    },
  });

  useEffect(() => {
    const errors = fieldErrorsFor(update.error, FIELDS);
    if (Object.keys(errors).length) form.setErrors(errors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [update.error]);

  const submit = (values: Values) =>
    update.mutate(
      {
        districtId,
        body: { emailDomain: values.emailDomain.trim().replace(/^@/, '') || undefined, loginPattern: values.loginPattern.trim() || undefined },
      },
      {
        onSuccess: () => notifySaved('Sign-in format saved. It applies to people entered from now on.'),
        onError: (error) => notifyFailed('Saving the sign-in format', error),
      },
    );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="SSO sign-in format">
      <Stack gap="sm" maw={520}>
        <TextInput
          label="SSO email domain"
          description="Emails must end in @ this domain"
          placeholder="e.g. district.k12.ca.us"
          disabled={!canEdit}
          {...form.getInputProps('emailDomain')}
        />
        <TextInput
          label="SSO sign-in name pattern"
          description="A regular expression every sign-in name must match, e.g. [a-z]+[0-9]* (ask your SSO administrator)"
          disabled={!canEdit}
          {...form.getInputProps('loginPattern')}
        />
        {canEdit ? (
          <Group>
            <Button type="submit" variant="default" loading={update.isPending} disabled={!form.isDirty()}>
              Save sign-in format
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            Only your district’s admins and Rosterline support can change it.
          </Text>
        )}
      </Stack>
    </form>
  );
}
