import { Select } from '@mantine/core';
import { useCourseSchools } from '../api/get-course-schools';

/** An option, not Mantine's clear button: that one is hidden from keyboards and screen readers. */
const ALL_SCHOOLS = '__all__';

/**
 * Narrows the course list (and "Include all") to one included school. Shown only when there is more than one to choose
 * from; while the schools load, or if they cannot be read, the list simply stays unfiltered.
 */
export function SchoolFilter({ districtId, value, onChange }: { districtId: string; value: string | null; onChange: (school: string | null) => void }) {
  const schools = useCourseSchools(districtId);
  const options = (schools.data?.items ?? []).filter((s) => s.sourcedId).map((s) => ({ value: s.sourcedId!, label: s.name ?? s.sourcedId! }));
  if (options.length < 2 && value === null) return null;
  return (
    <Select
      label="School"
      data={[{ value: ALL_SCHOOLS, label: 'All included schools' }, ...options]}
      value={value ?? ALL_SCHOOLS}
      onChange={(next) => onChange(next && next !== ALL_SCHOOLS ? next : null)}
      allowDeselect={false}
      searchable
      nothingFoundMessage="No included school has that name"
      w={260}
    />
  );
}
