import { Select } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useDistricts } from '../api/get-districts';

/**
 * Support staff jump between districts and stay on the same checklist step.
 * The list is the first 200 by name; typing narrows it on the server.
 */
export function DistrictSwitcher({ currentId }: { currentId?: string }) {
  const districts = useDistricts({ size: 200 });
  const navigate = useNavigate();
  const location = useLocation();
  const data = (districts.data?.items ?? []).filter((d) => d.id).map((d) => ({ value: d.id!, label: d.name ?? d.id! }));
  return (
    <Select
      aria-label="Switch district"
      placeholder={districts.isPending ? 'Loading districts…' : districts.isError ? 'Districts unavailable' : 'Choose a district'}
      data={data}
      value={currentId ?? null}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No district with that name"
      w={260}
      size="sm"
      onChange={(id) => {
        if (!id) return;
        const step = currentId ? location.pathname.split(`/districts/${currentId}`)[1] ?? '' : '';
        navigate(paths.district(id) + step);
      }}
    />
  );
}
