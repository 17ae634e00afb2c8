import { LicensesPage } from '@/features/licenses';

export default function LicensesRoute() {
  return <LicensesPage />;
}
