import { canAdministerDistrict, useMe } from '@/api/get-me';
import { SafetySettingsPage } from '@/features/safety-settings';

/** Integrators may read the settings; changing them is for the district's admins and support (as the API allows). */
export default function SafetySettingsRoute() {
  const me = useMe();
  return <SafetySettingsPage canEdit={canAdministerDistrict(me.data)} />;
}
