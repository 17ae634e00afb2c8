import { canAdministerDistrict, useMe } from '@/api/get-me';
import { ReadinessPage } from '@/features/readiness';

/** Integrators read the review and its account match queue; deciding a match is for admins and support (as the API allows). */
export default function ReadinessRoute() {
  const me = useMe();
  return <ReadinessPage canEdit={canAdministerDistrict(me.data)} />;
}
