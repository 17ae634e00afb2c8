import { useMe } from '@/api/get-me';
import { DistrictSettings } from '@/features/districts';

export default function DistrictSettingsRoute() {
  const me = useMe();
  return <DistrictSettings isSupport={me.data?.support ?? false} />;
}
