import { SchoolsPage } from '@/features/schools';

export default function SchoolsRoute() {
  return <SchoolsPage />;
}
