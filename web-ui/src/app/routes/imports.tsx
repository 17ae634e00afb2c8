import { ImportsPage } from '@/features/imports';

export default function ImportsRoute() {
  return <ImportsPage />;
}
