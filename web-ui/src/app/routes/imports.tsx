import { Stack } from '@mantine/core';
import { ImportsPage } from '@/features/imports';
import { LicenseWhyLookup } from '@/features/license-why';

// The imports screen and, below it, the "why" lookup its license plan links to (?whyUser=&whyProduct=).
export default function ImportsRoute() {
  return (
    <Stack gap="lg">
      <ImportsPage />
      <LicenseWhyLookup />
    </Stack>
  );
}
