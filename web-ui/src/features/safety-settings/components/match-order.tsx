import { ActionIcon, Button, Group, Input, List, Stack, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { leaveOut, move, putBack, readOrder, ruleLabel } from './match-order-rules';

type Props = {
  /** The form's order: null follows Rosterline's standard order. */
  order: string[] | null;
  /** The deployment's standard order, as roster-api reports it (absent: rosterline.sync.match-order's default). */
  standard?: string[] | null;
  /** The order differs from the saved one. */
  changed: boolean;
  canEdit: boolean;
  onChange: (order: string[] | null) => void;
  error?: ReactNode;
};

/** How an incoming person is matched to an existing account, in order; an admin arranges it and saves it with the form. */
export function MatchOrder({ order, standard: reported, changed, canEdit, onChange, error }: Props) {
  const standard = reported ?? undefined;
  const { tried, leftOut } = readOrder(order, standard);
  const own = order !== null;
  const [announcement, setAnnouncement] = useState('');
  // After a change the button pressed may be gone or disabled (its rule reached an end): keep the focus on that rule,
  // on the first of these buttons that is enabled.
  const focusNext = useRef<string[]>([]);
  const sectionRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusNext.current.length) return;
    const buttons = focusNext.current.map((key) => sectionRef.current?.querySelector<HTMLButtonElement>(`[data-focus-key="${key}"]:not(:disabled)`));
    focusNext.current = [];
    buttons.find(Boolean)?.focus();
  });

  const change = (next: string[] | null, said: string, focus: string[] = []) => {
    onChange(next);
    setAnnouncement(said);
    focusNext.current = focus;
  };
  const moveRule = (rule: string, by: -1 | 1) => {
    const next = move(order, rule, by, standard);
    // Position 1 is always the SIS record id.
    change(next, `${ruleLabel(rule)} moved to position ${next.indexOf(rule) + 1}.`, [`${by < 0 ? 'up' : 'down'}:${rule}`, `${by < 0 ? 'down' : 'up'}:${rule}`, `out:${rule}`]);
  };

  const inForce = changed
    ? `${own ? 'Your district’s own order' : 'Rosterline’s standard order'}, used from the next sync once you save.`
    : `In use: ${own ? 'your district’s own order' : 'Rosterline’s standard order'}.`;
  return (
    <Stack gap="xs" component="section" aria-labelledby="match-order-title" aria-describedby={error ? 'match-order-error' : undefined} ref={sectionRef}>
      <Title order={2} size="h4" id="match-order-title">
        Matching people to existing accounts
      </Title>
      <Text size="sm" c="dimmed">
        When a sync brings in a person from your SIS who has no account yet, Rosterline looks for an existing account that is theirs, trying these
        rules from the top. The first rule that finds an account decides: one clear match is linked to the person; an uncertain match (several
        accounts, or one already linked to someone else) waits in the account review queue for an admin. A person no rule matches gets a new
        account. {canEdit ? 'A change applies from the next sync after you save.' : 'Your district’s admins can change the order; a change applies from the next sync.'}
      </Text>
      <Text size="sm" fw={500}>
        {inForce}
      </Text>
      <List type="ordered" size="sm" spacing={4} aria-label="Rules, tried in this order">
        <List.Item>
          The SIS record id <Text span size="sm" c="dimmed">(always tried first: an account that holds the person’s SIS record id is theirs)</Text>
        </List.Item>
        {tried.map((rule, i) => (
          <List.Item key={rule}>
            <Group gap="xs" wrap="nowrap">
              <span>{ruleLabel(rule)}</span>
              {canEdit && (
                <Group gap={4} wrap="nowrap">
                  <RuleButton
                    label={`Move ${ruleLabel(rule)} up`}
                    disabled={i === 0}
                    focusKey={`up:${rule}`}
                    onClick={() => moveRule(rule, -1)}
                  >
                    <Chevron direction="up" />
                  </RuleButton>
                  <RuleButton
                    label={`Move ${ruleLabel(rule)} down`}
                    disabled={i === tried.length - 1}
                    focusKey={`down:${rule}`}
                    onClick={() => moveRule(rule, 1)}
                  >
                    <Chevron direction="down" />
                  </RuleButton>
                  <RuleButton
                    label={`Leave out ${ruleLabel(rule)}`}
                    focusKey={`out:${rule}`}
                    onClick={() => change(leaveOut(order, rule, standard), `${ruleLabel(rule)} left out: it is not tried.`, [`back:${rule}`])}
                  >
                    <Cross />
                  </RuleButton>
                </Group>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {leftOut.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" id="match-order-left-out">
            Left out, never tried
          </Text>
          <List size="sm" spacing={4} aria-labelledby="match-order-left-out">
            {leftOut.map((rule) => (
              <List.Item key={rule}>
                <Group gap="xs" wrap="nowrap">
                  <span>{ruleLabel(rule)}</span>
                  {canEdit && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={`Put back ${ruleLabel(rule)}`}
                      data-focus-key={`back:${rule}`}
                      onClick={() => change(putBack(order, rule, standard), `${ruleLabel(rule)} put back, tried last.`, [`up:${rule}`, `out:${rule}`])}
                    >
                      Put back
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {error && <Input.Error id="match-order-error">{error}</Input.Error>}
      {canEdit && (
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={!own}
            onClick={() => change(null, 'Rosterline’s standard order is used once you save.')}
          >
            Use Rosterline’s standard order
          </Button>
        </Group>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

function RuleButton({
  label,
  disabled = false,
  focusKey,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  focusKey: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip label={label} disabled={disabled}>
      <ActionIcon
        variant="default"
        size="sm"
        aria-label={label}
        disabled={disabled}
        data-focus-key={focusKey}
        onClick={onClick}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

const iconProps = { width: 14, height: 14, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 2, 'aria-hidden': true } as const;

function Chevron({ direction }: { direction: 'up' | 'down' }) {
  return (
    <svg {...iconProps}>
      <path d={direction === 'up' ? 'M3 10l5-5 5 5' : 'M3 6l5 5 5-5'} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Cross() {
  return (
    <svg {...iconProps}>
      <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
    </svg>
  );
}
