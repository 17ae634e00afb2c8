import { Stack } from '@mantine/core';
import { canAdministerDistrict, useMe } from '@/api/get-me';
import { ImportsPage } from '@/features/imports';
import { LicenseWhyLookup } from '@/features/license-why';

// The imports screen and, below it, the "why" lookup its license plan links to (?whyUser=&whyProduct=).
// Integrators read runs; accepting a source change is for the district's admins and support (as the API allows).
export default function ImportsRoute() {
  const me = useMe();
  return (
    <Stack gap="lg">
      <ImportsPage canEdit={canAdministerDistrict(me.data)} />
      <LicenseWhyLookup />
    </Stack>
  );
}
