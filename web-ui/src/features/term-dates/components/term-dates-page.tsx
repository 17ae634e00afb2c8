import { Alert, Button, Group, List, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { calendarAriaLabels } from '@/components/ui/calendar-labels';
import { EmptyState } from '@/components/ui/empty-state';
import { notifyFailed, notifySaved } from '@/components/ui/notify';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { formatDate } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useTerms, type Term } from '../api/get-terms';
import { useRefreshTerms } from '../api/refresh-terms';
import { useUpdateTerm, type TermOverride } from '../api/update-term';

/** Step 6: the SIS's term dates, with an earlier start or a later end where the district needs access to differ. */
export function TermDatesPage() {
  const { id } = useCurrentDistrict();
  const terms = useTerms(id);
  const refresh = useRefreshTerms();
  const load = () =>
    refresh.mutate(id, {
      onSuccess: (r) => notifySaved(`Loaded ${r.discovered ?? 0} terms from your SIS.`),
      onError: (e) => notifyFailed('Loading terms from your SIS', e),
    });
  return (
    <>
      <PageHeader
        title="Term dates"
        description="Licenses follow your SIS's term dates. Open access early with an override start, or keep it after the term with a freeze end."
        actions={
          <Button variant="default" loading={refresh.isPending} onClick={load}>
            Load terms from your SIS
          </Button>
        }
      />
      <QueryState query={terms} loadingLabel="Loading terms…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No terms loaded yet"
              message="Rosterline reads the school years and terms from your SIS once the connection works."
              action={
                <Button loading={refresh.isPending} onClick={load}>
                  Load terms from your SIS
                </Button>
              }
            />
          ) : (
            <>
              <ForgottenOverrides terms={list} />
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Term</Table.Th>
                    <Table.Th scope="col">In your SIS</Table.Th>
                    <Table.Th scope="col">Override start</Table.Th>
                    <Table.Th scope="col">Freeze end</Table.Th>
                    <Table.Th scope="col">Licenses active</Table.Th>
                    <Table.Th scope="col">
                      <span className="sr-only">Save</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((t) => (
                    <TermRow key={`${t.sourcedId}-${t.overrideStart}-${t.freezeEnd}`} districtId={id} term={t} />
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )
        }
      </QueryState>
    </>
  );
}

/** Overrides left over from an earlier year are easy to forget: the API flags them, and they are listed first. */
function ForgottenOverrides({ terms }: { terms: Term[] }) {
  const warned = terms.filter((t) => (t.warnings ?? []).length > 0);
  if (warned.length === 0) return null;
  return (
    <Alert color="orange" title="Check these overrides" role="status" mb="md">
      <List size="sm">
        {warned.flatMap((t) => (t.warnings ?? []).map((w) => <List.Item key={`${t.sourcedId}-${w}`}>{`${t.title}: ${w}`}</List.Item>))}
      </List>
    </Alert>
  );
}

function TermRow({ districtId, term }: { districtId: string; term: Term }) {
  const update = useUpdateTerm();
  const [overrideStart, setOverrideStart] = useState<string | null>(term.overrideStart ?? null);
  const [freezeEnd, setFreezeEnd] = useState<string | null>(term.freezeEnd ?? null);
  const changed = overrideStart !== (term.overrideStart ?? null) || freezeEnd !== (term.freezeEnd ?? null);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {term.title}
        </Text>
        <Text size="xs" c="dimmed">
          {term.type}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDate(term.startDate)} – {formatDate(term.endDate)}
      </Table.Td>
      <Table.Td>
        <DateInput
          aria-label={`Override start for ${term.title}`}
          valueFormat="MMM D, YYYY"
          placeholder="SIS start"
          clearable
          value={overrideStart}
          onChange={setOverrideStart}
          clearButtonProps={{ 'aria-label': `Remove override start for ${term.title}` }}
          maxDate={term.startDate}
          // The calendar opens where the choice is made: the weeks before the term starts.
          defaultDate={term.startDate}
          ariaLabels={calendarAriaLabels}
          w={160}
        />
      </Table.Td>
      <Table.Td>
        <DateInput
          aria-label={`Freeze end for ${term.title}`}
          valueFormat="MMM D, YYYY"
          placeholder="SIS end"
          clearable
          value={freezeEnd}
          onChange={setFreezeEnd}
          clearButtonProps={{ 'aria-label': `Remove freeze end for ${term.title}` }}
          minDate={term.endDate}
          // ... and the weeks after it ends.
          defaultDate={term.endDate}
          ariaLabels={calendarAriaLabels}
          w={160}
        />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDate(term.effectiveStart)} – {formatDate(term.effectiveEnd)}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            disabled={!changed}
            loading={update.isPending}
            aria-label={`Save dates for ${term.title}`}
            onClick={() =>
              // mutateAsync: the saved dates re-key this row (a fresh row for the new values), and mutate's own
              // callbacks would be dropped with the old row, leaving the save unannounced.
              update
                .mutateAsync({ districtId, sourcedId: term.sourcedId!, body: { overrideStart, freezeEnd } satisfies TermOverride })
                .then(
                  () => notifySaved(`Dates for ${term.title} saved.`),
                  (e) => notifyFailed(`Saving dates for ${term.title}`, e),
                )
            }
          >
            Save
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
