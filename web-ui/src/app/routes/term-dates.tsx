import { TermDatesPage } from '@/features/term-dates';

export default function TermDatesRoute() {
  return <TermDatesPage />;
}
