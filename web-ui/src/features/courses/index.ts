export { CoursesPage } from './components/courses-page';
