import { SchedulePage } from '@/features/schedule';

export default function ScheduleRoute() {
  return <SchedulePage />;
}
