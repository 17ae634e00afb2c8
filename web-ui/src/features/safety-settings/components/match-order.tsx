import { List, Stack, Text, Title } from '@mantine/core';

const RULE_LABELS: Record<string, string> = {
  SOURCED_ID: 'The SIS record id',
  IDENTIFIER: 'The SIS identifier (for example the student number)',
  EMAIL: 'Email address',
  LOGIN: 'Sign-in name',
};
/** The deployment's order when the district has none of its own (rosterline.sync.match-order's default). */
const STANDARD_ORDER = ['SOURCED_ID', 'IDENTIFIER', 'EMAIL', 'LOGIN'];

/** How an incoming person is matched to an existing account; shown, not edited here (the form sends it back as it is). */
export function MatchOrder({ order }: { order: string[] | null | undefined }) {
  const own = order != null && order.length > 0;
  return (
    <Stack gap="xs" component="section" aria-labelledby="match-order-title">
      <Title order={2} size="h4" id="match-order-title">
        Matching people to existing accounts
      </Title>
      <Text size="sm" c="dimmed">
        {own ? 'Your district’s order' : 'Rosterline’s standard order'}: a person from the SIS is matched to an existing account by the first
        of these that agrees. Ask Rosterline support to change it.
      </Text>
      <List type="ordered" size="sm">
        {(own ? order : STANDARD_ORDER).map((rule) => (
          <List.Item key={rule}>{RULE_LABELS[rule] ?? rule}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
