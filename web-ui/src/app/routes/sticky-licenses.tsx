import { canAdministerDistrict, useMe } from '@/api/get-me';
import { StickyLicensesPage } from '@/features/sticky-licenses';

/** The SSO sign-in format is changed by the district's admins and support (as the API allows); integrators read it. */
export default function StickyLicensesRoute() {
  const me = useMe();
  return <StickyLicensesPage canEditSsoFormat={canAdministerDistrict(me.data)} />;
}
