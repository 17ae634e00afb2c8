import type { Schemas } from '@/api/client';

export type Run = Schemas['Run'];
export type RunStatus = Schemas['RunStatus'];

/**
 * The API declares counts as free JSON (JsonNode); this is what the server writes into it
 * (StagingService.countDifferences): per collection, the records added, changed, removed and unchanged by the run.
 */
export type CollectionCounts = Record<string, { added?: number; changed?: number; removed?: number; unchanged?: number; total?: number }>;

/**
 * The API declares a hold's findings as free JSON; the server writes one per school or the district whose share of
 * removals crossed the district's threshold (SafetyGate.Finding).
 */
export type HoldFinding = { scope?: string; scopeName?: string; recordType?: string; lost?: number; total?: number; percent?: number; text?: string };

export const isActive = (status: RunStatus | undefined) => status === 'QUEUED' || status === 'RUNNING';
/** Runs whose staged differences can be reviewed (a held run keeps them until approved or discarded). */
export const hasStaged = (status: RunStatus | undefined) => status === 'STAGED' || status === 'APPLIED' || status === 'HELD';
/** Runs with a license plan: the one to apply (staged) or the one that was applied. */
export const hasPlan = (status: RunStatus | undefined) => status === 'STAGED' || status === 'APPLIED';
