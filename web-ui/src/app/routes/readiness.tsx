import { ReadinessPage } from '@/features/readiness';

export default function ReadinessRoute() {
  return <ReadinessPage />;
}
