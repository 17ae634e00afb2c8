import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function ForbiddenPage() {
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1} size="h2">
          You don&apos;t have access to this district
        </Title>
        <Text>
          Your account can&apos;t see this district&apos;s settings. If you think you should, ask your Rosterline support
          contact to add this district to your account.
        </Text>
        <div>
          <Button component={Link} to={paths.home}>
            Go to my district
          </Button>
        </div>
      </Stack>
    </Container>
  );
}
