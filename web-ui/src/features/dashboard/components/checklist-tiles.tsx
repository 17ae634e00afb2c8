import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { StateBadge } from '@/components/ui/state-badge';
import { QueryState } from '@/components/ui/query-state';
import { EmptyState } from '@/components/ui/empty-state';
import { paths, stepPathForKey } from '@/config/paths';
import { useCurrentDistrict } from '@/lib/district';
import { useChecklist, type Checklist } from '../api/get-checklist';

type Step = NonNullable<Checklist['steps']>[number];

/** The Integration Settings Checklist: every step's state and the one thing to do next. */
export function ChecklistTiles() {
  const { id } = useCurrentDistrict();
  const checklist = useChecklist(id);
  return (
    <QueryState query={checklist} loadingLabel="Loading your checklist…">
      {(c) => (
        <Stack gap="lg">
          <GoLiveStatus checklist={c} />
          {(c.steps ?? []).length === 0 ? (
            <EmptyState order={2} title="No checklist steps yet" message="Check back after the district's system is chosen in District settings." />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {(c.steps ?? []).map((step, i) => (
                <li key={step.key ?? i}>
                  <StepTile step={step} number={i + 1} districtId={id} />
                </li>
              ))}
            </SimpleGrid>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

function GoLiveStatus({ checklist }: { checklist: Checklist }) {
  if (checklist.readyToGoLive) {
    return (
      <Alert color="green" title="Ready to go live" role="status">
        Every step that blocks going live is done. Review the schedule to turn on nightly syncs.
      </Alert>
    );
  }
  const blockers = checklist.liveBlockers ?? [];
  return (
    <Alert color="orange" title="Not ready to go live yet" role="status">
      {blockers.length > 0 ? (
        <>
          <Text size="sm" mb={4}>
            Finish these first:
          </Text>
          <List size="sm">
            {blockers.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm">Work through the steps below.</Text>
      )}
    </Alert>
  );
}

function StepTile({ step, number, districtId }: { step: Step; number: number; districtId: string }) {
  const route = stepPathForKey(step.key);
  const headingId = `step-${step.key ?? number}`;
  return (
    <Card withBorder padding="md" radius="md" h="100%" aria-labelledby={headingId} component="section">
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5" id={headingId}>
            {number}. {step.title}
          </Title>
          <StateBadge state={step.state ?? 'NOT_STARTED'} />
        </Group>
        {step.summary && <Text size="sm">{step.summary}</Text>}
        {step.blocksGoLive && step.state !== 'DONE' && (
          <Badge color="orange" variant="outline" size="sm">
            Needed before going live
          </Badge>
        )}
        <div style={{ marginTop: 'auto' }}>
          {route && (
            <Button
              component={Link}
              to={paths.districtStep(districtId, route)}
              size="xs"
              variant={step.state === 'DONE' ? 'default' : 'filled'}
              h="auto"
              py={6}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              aria-label={`${step.nextAction ?? 'Review'}: ${step.title}`}
            >
              {step.nextAction ?? 'Review'}
            </Button>
          )}
        </div>
      </Stack>
    </Card>
  );
}
