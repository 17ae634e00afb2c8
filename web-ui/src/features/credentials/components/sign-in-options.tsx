import { Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Schemas } from '@/api/client';

export type SignatureMethod = Schemas['Method'];
export type ClientAuth = Schemas['ClientAuth'];

/** The server's defaults, used when it has not stored a choice yet. */
export const DEFAULT_SIGNATURE_METHOD: SignatureMethod = 'HMAC_SHA256';
export const DEFAULT_CLIENT_AUTH: ClientAuth = 'BASIC_HEADER';

const SIGNATURE_METHODS: { value: SignatureMethod; label: string }[] = [
  { value: 'HMAC_SHA256', label: 'HMAC-SHA256 (recommended)' },
  { value: 'HMAC_SHA1', label: 'HMAC-SHA1' },
];
const CLIENT_AUTHS: { value: ClientAuth; label: string }[] = [
  { value: 'BASIC_HEADER', label: 'In the request header (recommended)' },
  { value: 'FORM_BODY', label: 'In the request form' },
];

type SignInValues = { authMethod: Schemas['AuthMethod']; oauth1SignatureMethod: SignatureMethod; oauth2ClientAuth: ClientAuth };

/**
 * The two vendor-specific sign-in details: how OAuth 1 requests are signed and how the OAuth 2 token request carries
 * the client id and secret. Each shows only for the sign-in method it belongs to ("Detect for me" tries both).
 */
export function SignInOptions<V extends SignInValues>({ form }: { form: UseFormReturnType<V> }) {
  const method = form.getValues().authMethod;
  const usesOAuth1 = method === 'OAUTH1' || method === 'DETECT';
  const usesOAuth2 = method === 'OAUTH2' || method === 'DETECT';
  return (
    <>
      {usesOAuth1 && (
        <Select
          label="OAuth 1 signature method"
          description="Most SISs use HMAC-SHA256; choose SHA-1 only if your SIS vendor says so."
          data={SIGNATURE_METHODS}
          allowDeselect={false}
          {...form.getInputProps('oauth1SignatureMethod')}
        />
      )}
      {usesOAuth2 && (
        <Select
          label="How the client id and secret are sent for a token"
          description="Most SISs accept them in the request header; choose the request form only if your SIS vendor says so."
          data={CLIENT_AUTHS}
          allowDeselect={false}
          {...form.getInputProps('oauth2ClientAuth')}
        />
      )}
    </>
  );
}
