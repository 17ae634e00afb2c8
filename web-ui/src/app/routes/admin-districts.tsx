import { useMe } from '@/api/get-me';
import { RosterlineShell } from '@/components/layouts/app-shell';
import { ForbiddenPage } from '@/components/ui/forbidden';
import { LoadingState } from '@/components/ui/loading-state';
import { DistrictsAdmin } from '@/features/districts';

export default function AdminDistrictsRoute() {
  const me = useMe();
  return (
    <RosterlineShell>
      {me.isPending ? <LoadingState /> : me.data?.support ? <DistrictsAdmin /> : <ForbiddenPage />}
    </RosterlineShell>
  );
}
