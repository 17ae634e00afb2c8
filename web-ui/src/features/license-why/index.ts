export { LicenseWhyLookup } from './components/license-why-lookup';
