import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** An empty list is never a dead end: it says why it is empty and what to do next. */
export function EmptyState({
  title,
  message,
  action,
  order = 3,
}: {
  title: string;
  message: ReactNode;
  action?: ReactNode;
  /** The heading level: one below the section it sits in (axe's heading-order). */
  order?: 2 | 3 | 4;
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs" ta="center">
        <Title order={order} size="h4">
          {title}
        </Title>
        <Text c="dimmed">{message}</Text>
        {action}
      </Stack>
    </Paper>
  );
}
