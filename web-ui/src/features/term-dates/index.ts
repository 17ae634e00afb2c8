export { TermDatesPage } from './components/term-dates-page';
