import { CoursesPage } from '@/features/courses';

export default function CoursesRoute() {
  return <CoursesPage />;
}
