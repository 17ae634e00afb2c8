import { SimpleGrid, Stack, Title } from '@mantine/core';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentDistrict } from '@/lib/district';
import { ChecklistTiles, OverridesTile, RunTiles, ScheduleTile, StickyTile } from '@/features/dashboard';

export default function DashboardRoute() {
  const { name } = useCurrentDistrict();
  return (
    <>
      <PageHeader title="Integration checklist" description={`Everything ${name} needs before rosters and licenses sync every night.`} />
      <Stack gap="xl">
      <ChecklistTiles />
      <section aria-labelledby="at-a-glance">
        <Title order={2} size="h4" id="at-a-glance" mb="sm">
          At a glance
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <RunTiles />
          <ScheduleTile />
          <StickyTile />
          <OverridesTile />
        </SimpleGrid>
      </section>
      </Stack>
    </>
  );
}
