import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import type { Schemas } from '@/api/client';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useCurrentDistrict } from '@/lib/district';
import { toPlainError } from '@/lib/problem';
import { useSchedule, type Schedule } from '../api/get-schedule';
import { useUpdateSchedule } from '../api/update-schedule';
import { TonightPreview } from './tonight-preview';

const MODES: Record<Schemas['ScheduleMode'], { label: string; color: string; text: string }> = {
  SETUP: { label: 'Setting up', color: 'gray', text: 'Nightly syncs are off while you finish the checklist.' },
  PAUSED: { label: 'Paused', color: 'orange', text: 'Nightly syncs are paused. Teachers and students keep the licenses they have.' },
  LIVE: { label: 'Live', color: 'green', text: 'Rosters and licenses sync every night in the window below.' },
};

/** Step 9: going live, pausing and resuming. Going live says what changes tonight and asks to confirm. */
export function SchedulePage() {
  const { id } = useCurrentDistrict();
  const schedule = useSchedule(id);
  return (
    <>
      <PageHeader title="Schedule" description="When Rosterline syncs your rosters and licenses, and whether it does yet." />
      <QueryState query={schedule} loadingLabel="Loading the schedule…">
        {(s) => <ScheduleView districtId={id} schedule={s} />}
      </QueryState>
    </>
  );
}

function ScheduleView({ districtId, schedule }: { districtId: string; schedule: Schedule }) {
  const { name, timezone } = useCurrentDistrict();
  const update = useUpdateSchedule();
  const [confirming, { open, close }] = useDisclosure(false);
  const mode = MODES[schedule.mode ?? 'SETUP'];
  const window = schedule.nightlyWindow;
  const windowText = window ? `between ${window.start} and ${window.end} (${schedule.timezone ?? 'district time'})` : 'in the nightly window';
  const setMode = (next: Schemas['ScheduleMode'], done: string) =>
    update.mutate(
      { districtId, body: { mode: next } },
      {
        onSuccess: () => {
          close();
          notifySaved(done);
        },
        onError: (e) => notifyFailed(next === 'LIVE' ? 'Going live' : 'Changing the schedule', e),
      },
    );
  const refusal = update.error ? toPlainError(update.error) : null;

  return (
    <Stack gap="lg" maw={760}>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Nightly sync
            </Title>
            <Badge color={mode.color} variant="light" size="lg">
              {mode.label}
            </Badge>
          </Group>
          <Text>{mode.text}</Text>
          {schedule.summary && <Text size="sm">{schedule.summary}</Text>}
          <Text size="sm">
            Window: {windowText}.{' '}
            <Anchor component={Link} to={paths.districtStep(districtId, 'settings')}>
              Change it in District settings
            </Anchor>.
          </Text>
        </Stack>
      </Paper>

      {refusal && (
        <Alert color="red" title={refusal.title} role="alert">
          {refusal.message}
        </Alert>
      )}

      {schedule.mode !== 'LIVE' && !schedule.readyToGoLive && (
        <Alert color="orange" title="Not ready to go live yet" role="status">
          <Text size="sm" mb={4}>
            Finish these steps first:
          </Text>
          <List size="sm">
            {(schedule.liveBlockers ?? []).map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
          <Button component={Link} to={paths.district(districtId)} size="xs" variant="light" mt="sm">
            Back to the checklist
          </Button>
        </Alert>
      )}

      <Group>
        {schedule.mode === 'LIVE' ? (
          <Button color="red.9" loading={update.isPending} onClick={() => setMode('PAUSED', 'Nightly syncs are paused.')}>
            Pause nightly syncs
          </Button>
        ) : schedule.readyToGoLive ? (
          <Button onClick={open}>{schedule.mode === 'PAUSED' ? 'Resume nightly syncs…' : 'Go live…'}</Button>
        ) : (
          // Not ready yet: the admin can still see what the first night would change, while finishing the steps.
          <Button variant="default" onClick={open}>
            Preview what changes tonight…
          </Button>
        )}
      </Group>

      <Modal
        opened={confirming}
        onClose={close}
        title={!schedule.readyToGoLive ? 'What going live would change' : schedule.mode === 'PAUSED' ? 'Resume nightly syncs?' : 'Go live tonight?'}
        size="lg"
      >
        <Stack>
          {confirming && <TonightPreview districtId={districtId} districtName={name} timezone={timezone ?? schedule.timezone} />}
          {!schedule.readyToGoLive && (
            <Alert color="orange" title="Going live waits for these steps" role="status">
              <List size="sm">
                {(schedule.liveBlockers ?? []).map((b) => (
                  <List.Item key={b}>{b}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Text size="sm">Every night {windowText}, Rosterline will:</Text>
          <List size="sm" spacing={4}>
            <List.Item>read classes and enrollments from your SIS for the schools you included;</List.Item>
            <List.Item>give teachers and students the licenses mapped to their courses, within your license pools;</List.Item>
            <List.Item>remove rostered licenses from people no longer enrolled (sticky licenses stay);</List.Item>
            <List.Item>hold the sync for your review instead if it would change an unusually large share of accounts.</List.Item>
          </List>
          {schedule.summary && <Text size="sm">{schedule.summary}</Text>}
          <Text size="sm">You can pause at any time from this page.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {schedule.readyToGoLive ? 'Not yet' : 'Close preview'}
            </Button>
            <Button
              loading={update.isPending}
              disabled={!schedule.readyToGoLive}
              onClick={() => setMode('LIVE', `Live: the first nightly sync runs tonight ${windowText}.`)}
            >
              {schedule.mode === 'PAUSED' ? 'Resume' : 'Go live'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
