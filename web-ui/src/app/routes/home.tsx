import { Button, Container } from '@mantine/core';
import { Navigate } from 'react-router';
import { useMe } from '@/api/get-me';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { paths } from '@/config/paths';
import { userManager } from '@/lib/auth';

/** "/" goes where the admin works: support staff to the district list, a district admin to their district. */
export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Finding your district…" />;
  if (me.isError)
    return (
      <Container size="sm" py="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  if (me.data.support) return <Navigate to={paths.adminDistricts} replace />;
  const first = me.data.districtIds?.[0];
  if (first) return <Navigate to={paths.district(first)} replace />;
  return (
    <Container size="sm" py="xl">
      <EmptyState
        title="Your account isn't linked to a district yet"
        message="Ask your Rosterline support contact to add your district to your account, then sign in again."
        action={<Button onClick={() => void userManager.signoutRedirect()}>Sign out</Button>}
      />
    </Container>
  );
}
