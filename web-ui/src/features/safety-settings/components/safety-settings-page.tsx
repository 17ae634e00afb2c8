import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentDistrict } from '@/lib/district';
import { useSafetySettings } from '../api/get-safety-settings';
import { SafetySettingsForm } from './safety-settings-form';
import { ShadowRuns } from './shadow-runs';

/**
 * When a sync waits for an admin's decision instead of applying, and the other rules that protect the rosters; below
 * them, always, the nightly dry runs and what each would have changed.
 */
export function SafetySettingsPage({ canEdit }: { canEdit: boolean }) {
  const { id, timezone } = useCurrentDistrict();
  const settings = useSafetySettings(id);
  return (
    <>
      <PageHeader
        title="Safety settings"
        description="Rosterline holds a sync for your review when it would remove an unusual number of records, so a broken SIS export never takes licenses away."
      />
      <QueryState query={settings} loadingLabel="Loading the safety settings…">
        {(saved) => <SafetySettingsForm districtId={id} saved={saved} canEdit={canEdit} />}
      </QueryState>
      <ShadowRuns districtId={id} timezone={timezone} />
    </>
  );
}
