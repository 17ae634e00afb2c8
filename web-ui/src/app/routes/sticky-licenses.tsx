import { StickyLicensesPage } from '@/features/sticky-licenses';

export default function StickyLicensesRoute() {
  return <StickyLicensesPage />;
}
