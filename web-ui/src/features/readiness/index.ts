export { ReadinessPage } from './components/readiness-page';
