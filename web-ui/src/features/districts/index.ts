// The districts feature's public surface, composed by the app layer.
export { DistrictSwitcher } from './components/district-switcher';
export { DistrictSettings } from './components/district-settings';
export { DistrictsAdmin } from './components/districts-admin';
export { useDistrict, getDistrictQueryOptions } from './api/get-district';
export { useDistricts } from './api/get-districts';
