import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useCurrentDistrict } from '@/lib/district';
import { useChecklist } from '../api/get-checklist';

const MODES: Record<string, { label: string; color: string; text: string }> = {
  SETUP: { label: 'Setting up', color: 'gray', text: 'Nightly syncs are off while you finish the checklist.' },
  PAUSED: { label: 'Paused', color: 'orange', text: 'Nightly syncs are paused. Licenses stay as they are.' },
  LIVE: { label: 'Live', color: 'green', text: 'Rosters and licenses sync every night in the district’s window.' },
};

export function ScheduleTile() {
  const { id } = useCurrentDistrict();
  const checklist = useChecklist(id);
  const mode = MODES[checklist.data?.scheduleMode ?? ''] ?? MODES.SETUP;
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="tile-schedule">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id="tile-schedule">
            Schedule
          </Title>
          <Badge color={mode.color} variant="light">
            {checklist.isPending ? 'Loading…' : mode.label}
          </Badge>
        </Group>
        <Text size="sm">{mode.text}</Text>
        <div>
          <Button component={Link} to={paths.districtStep(id, 'schedule')} size="xs" variant="default">
            Open schedule
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
