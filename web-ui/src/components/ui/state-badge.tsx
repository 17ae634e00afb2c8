import { Badge } from '@mantine/core';

const LOOK: Record<string, { color: string; label: string }> = {
  DONE: { color: 'green', label: 'Done' },
  NEEDS_ATTENTION: { color: 'orange', label: 'Needs attention' },
  NOT_STARTED: { color: 'gray', label: 'Not started' },
};

/** A checklist state as words and colour (never colour alone). */
export function StateBadge({ state }: { state: string }) {
  const look = LOOK[state] ?? { color: 'gray', label: state.toLowerCase().replace(/_/g, ' ') };
  return (
    <Badge color={look.color} variant="light" style={{ flexShrink: 0 }}>
      {look.label}
    </Badge>
  );
}
