import { createContext, useContext } from 'react';

/** The district the admin is working on, provided by the district layout for every feature below it. */
export type CurrentDistrict = { id: string; name: string; timezone?: string };

export const DistrictContext = createContext<CurrentDistrict | null>(null);

export function useCurrentDistrict(): CurrentDistrict {
  const district = useContext(DistrictContext);
  if (!district) throw new Error('useCurrentDistrict must be used inside a district route');
  return district;
}
