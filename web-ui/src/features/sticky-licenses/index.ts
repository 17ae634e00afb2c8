export { StickyLicensesPage } from './components/sticky-licenses-page';
export { useStickyLicenses } from './api/get-sticky-licenses';
