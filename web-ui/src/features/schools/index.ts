export { SchoolsPage } from './components/schools-page';
