import { CredentialsPage } from '@/features/credentials';

export default function CredentialsRoute() {
  return <CredentialsPage />;
}
