import { Alert, Badge, Button, Group, List, Paper, Select, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { QueryState } from '@/components/ui/query-state';
import { whyParams } from '@/config/paths';
import { formatDate } from '@/lib/dates';
import { useCurrentDistrict } from '@/lib/district';
import { useLicenseWhy, type LicenseWhy } from '../api/get-license-why';
import { useProducts } from '../api/get-products';

const STEPS: Record<string, string> = {
  ENROLLMENT: 'Enrollment',
  CLASS: 'Class',
  COURSE_MAPPING: 'Course mapping',
  TERM: 'Term dates',
  POOL: 'License pool and seats',
  ASSIGNMENT: 'Assignment',
};
const SOURCES: Record<string, string> = { ROSTERED: 'rostered', STICKY: 'sticky', MANUAL: 'manual' };

/**
 * "Why does this person have (or not have) this license?": a person's SIS id or account id and a product, answered
 * link by link. The question lives in the address (?whyUser=&whyProduct=), so other screens link straight to an answer.
 */
export function LicenseWhyLookup() {
  const { id } = useCurrentDistrict();
  const [params, setParams] = useSearchParams();
  const { hash } = useLocation();
  const userId = params.get(whyParams.user) ?? '';
  const productId = params.get(whyParams.product) ?? '';
  const why = useLicenseWhy(id, userId, productId);

  // A "Why?" link elsewhere asked a question: bring the answer into view.
  useEffect(() => {
    if (hash === '#license-why' && userId) document.getElementById('license-why')?.scrollIntoView({ block: 'start' });
  }, [userId, productId, hash]);

  const ask = (person: string, product: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(whyParams.user, person);
      next.set(whyParams.product, product);
      return next;
    });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="why-title" id="license-why">
      <Stack gap="sm">
        <Title order={2} size="h4" id="why-title">
          Why does someone have a license?
        </Title>
        <Text size="sm" c="dimmed">
          Enter a person and pick a license: Rosterline follows every link from their enrollment to their seat, and names the first one
          that is missing.
        </Text>
        {/* Keyed by the question in the address, so a link that asks another one refills the form. */}
        <Question key={`${userId}|${productId}`} userId={userId} productId={productId} onAsk={ask} />
        {userId && productId && (
          <QueryState query={why} loadingLabel="Following the links…">
            {(answer) => <WhyAnswer answer={answer} />}
          </QueryState>
        )}
      </Stack>
    </Paper>
  );
}

function Question({ userId, productId, onAsk }: { userId: string; productId: string; onAsk: (person: string, product: string) => void }) {
  const products = useProducts();
  const [person, setPerson] = useState(userId);
  const [product, setProduct] = useState<string | null>(productId || null);
  return (
    <form
      aria-label="Why lookup"
      onSubmit={(e) => {
        e.preventDefault();
        if (person.trim() && product) onAsk(person.trim(), product);
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Person"
          description="Their id in your SIS (e.g. stu-000123) or their Rosterline account id"
          value={person}
          onChange={(e) => setPerson(e.currentTarget.value)}
          w={300}
        />
        <Select
          label="License"
          description={products.isError ? 'Could not load the products.' : 'The product the question is about'}
          placeholder={products.isPending ? 'Loading products…' : 'Pick a product'}
          data={(products.data ?? []).map((p) => ({ value: p.id!, label: `${p.title} (${p.sku})` }))}
          value={product}
          onChange={setProduct}
          searchable
          nothingFoundMessage="No product matches"
          w={340}
        />
        <Button type="submit" disabled={!person.trim() || !product}>
          Explain
        </Button>
      </Group>
    </form>
  );
}

function WhyAnswer({ answer }: { answer: LicenseWhy }) {
  const who = answer.name ?? answer.sourcedId ?? 'This person';
  const what = answer.productTitle ?? answer.sku ?? 'this license';
  const usable = answer.usableToday ?? false;
  return (
    <Stack gap="xs" aria-live="polite">
      <Alert color={usable ? 'green' : 'orange'} title={usable ? `${who} can use ${what} today` : `${who} cannot use ${what} today`} role="status">
        <Text size="sm">{answer.answer}</Text>
        {answer.source && (
          <Text size="sm" mt={4}>
            A {SOURCES[answer.source] ?? answer.source.toLowerCase()} license
            {answer.usableFrom || answer.usableUntil ? `, usable ${formatDate(answer.usableFrom)} – ${formatDate(answer.usableUntil)}` : ''}.
          </Text>
        )}
      </Alert>
      <Title order={3} size="h6">
        The links, in order
      </Title>
      <List spacing={6} size="sm" center>
        {(answer.chain ?? []).map((link, i) => (
          <List.Item
            key={`${link.step}-${i}`}
            icon={
              <ThemeIcon size={20} radius="xl" color={link.ok ? 'green' : 'red'} aria-hidden>
                {link.ok ? '✓' : '✗'}
              </ThemeIcon>
            }
          >
            <Badge size="sm" variant="light" color={link.ok ? 'green' : 'red'} mr={6}>
              {STEPS[link.step ?? ''] ?? link.step}: {link.ok ? 'in place' : 'missing'}
            </Badge>
            {link.text}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
