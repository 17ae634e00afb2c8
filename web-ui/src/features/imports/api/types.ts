import type { Schemas } from '@/api/client';

export type Run = Schemas['Run'];
export type RunStatus = Schemas['RunStatus'];

/**
 * The API declares counts as free JSON (JsonNode); this is what the server writes into it
 * (StagingService.countDifferences): per collection, the records added, changed, removed and unchanged by the run.
 */
export type CollectionCounts = Record<string, { added?: number; changed?: number; removed?: number; unchanged?: number; total?: number }>;

export const isActive = (status: RunStatus | undefined) => status === 'QUEUED' || status === 'RUNNING';
export const hasStaged = (status: RunStatus | undefined) => status === 'STAGED' || status === 'APPLIED';
