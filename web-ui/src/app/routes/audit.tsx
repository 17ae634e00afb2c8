import { AuditTrail } from '@/features/audit';

export default function AuditRoute() {
  return <AuditTrail />;
}
