// Re-mirrors every account of a store from the ledger: the attribute values are a derived copy,
// so this repairs anything (a deleted value, a dead-lettered batch, a new attribute).
// Resumable: after each completed page the scan's position is saved in the store's checkpoint
// item, so a killed run (or the next leg of the AWS state machine) goes on from there: no
// customer skipped, at most the page in flight written twice.
// Race-safe: a balance read, then changed and mirrored live before our upsert lands, would be
// overwritten with the older value. So after each upsert the accounts are read again
// (consistently) and any whose version moved are upserted again, until none moved: our last
// write to BigCommerce is then never older than the ledger was after it (and a later change's
// own live mirror read comes after that read, so its write lands after ours).
import { randomUUID } from 'node:crypto';
import { PutCommand } from '../aws';
import { getAccounts, getItem, type PointsAccount, type PointsTable, scanStoreAccountsPage } from '../ledger';
import { rebuildCheckpointKey } from '../table-keys';
import { mirrorCustomers } from './mirror-balances';

/** Where a rebuild run is: counts so far (across resumes) and whether it finished. */
export interface RebuildProgress {
  runId: string;
  /** This invocation went on from a checkpoint. */
  resumed: boolean;
  /** Customers mirrored so far; `failed`: not mirrored in the page that stopped the run. */
  mirrored: number;
  failed: number;
  /** Customers upserted again because their balance changed while they were being mirrored. */
  rewritten: number;
  upsertCalls: number;
  /** Table items the scan examined so far (the scanned share of the table, for an ETA). */
  scanned: number;
  done: boolean;
}

/** How a rebuild runs; see rebuildMirror. */
export interface RebuildOptions {
  /** Start over even when a checkpoint of an unfinished run exists (not one of run `runId`). */
  restart?: boolean;
  /**
   * The run's id (the state machine's execution name): a checkpoint of this run is always resumed,
   * so a retried first leg of a restart goes on instead of starting over again.
   */
  runId?: string;
  /** Table items per scan page (DynamoDB's Limit). */
  pageSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Stop after the page in progress once this epoch ms has passed (one leg of a longer run). */
  stopAfter?: number;
}

type Checkpoint = Omit<RebuildProgress, 'resumed' | 'failed'> & { nextKey?: Record<string, unknown> };

/** Re-reads after an upsert are bounded: a customer still changing after this many rounds fails the page. */
const MAX_ROUNDS = 10;

/**
 * Re-mirrors every account of the store, a scan page at a time, from the checkpoint of an
 * unfinished run unless `restart` (or of run `runId` in any case: done already, it just answers).
 * Stops at the first page with a customer not mirrored (the checkpoint stays before it, so the
 * next run retries it); `failed` > 0 then.
 *
 * @throws Error when the store is not installed, or for a storage error (the checkpoint holds).
 */
export async function rebuildMirror(
  table: PointsTable,
  storeHash: string,
  { restart = false, runId, pageSize = 500, onProgress = () => {}, stopAfter }: RebuildOptions = {},
): Promise<RebuildProgress> {
  const { pk: _pk, sk: _sk, ...saved } = (await getItem(table, rebuildCheckpointKey(storeHash), true)) ?? {};
  const ours = runId !== undefined && saved.runId === runId;
  const resumed = ours || (!restart && saved.runId !== undefined && saved.done === false);
  let checkpoint: Checkpoint = resumed
    ? (saved as Checkpoint)
    : { runId: runId ?? randomUUID(), mirrored: 0, rewritten: 0, upsertCalls: 0, scanned: 0, done: false };
  const progressOf = (failed: number): RebuildProgress => {
    const { nextKey: _, ...counts } = checkpoint;
    return { ...counts, resumed, failed };
  };
  if (checkpoint.done) return progressOf(0); // a retried leg whose run finished before it failed
  do {
    const page = await scanStoreAccountsPage(table, storeHash, checkpoint.nextKey, pageSize);
    const outcome = await mirrorPage(table, storeHash, page.accounts);
    if (outcome.failed > 0) return progressOf(outcome.failed);
    checkpoint = {
      ...checkpoint,
      nextKey: page.nextKey,
      mirrored: checkpoint.mirrored + page.accounts.length,
      rewritten: checkpoint.rewritten + outcome.rewritten,
      upsertCalls: checkpoint.upsertCalls + outcome.upsertCalls,
      scanned: checkpoint.scanned + page.scanned,
      done: page.nextKey === undefined,
    };
    await table.client.send(
      new PutCommand({ TableName: table.name, Item: { ...rebuildCheckpointKey(storeHash), ...checkpoint } }),
    );
    onProgress(progressOf(0));
  } while (!checkpoint.done && (stopAfter === undefined || Date.now() < stopAfter));
  return progressOf(0);
}

/**
 * Mirrors a page of accounts until none of them changed since it was written. The scan's
 * (eventually consistent) images are written as they are: the consistent re-read after the upsert
 * catches any that were stale, as it catches later changes.
 */
async function mirrorPage(
  table: PointsTable,
  storeHash: string,
  accounts: PointsAccount[],
): Promise<{ failed: number; rewritten: number; upsertCalls: number }> {
  let pending = accounts;
  let rewritten = 0;
  let upsertCalls = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS) return { failed: pending.length, rewritten, upsertCalls };
    if (round > 0) rewritten += pending.length;
    const outcome = await mirrorCustomers(table, storeHash, pending);
    if (!outcome) throw new Error(`store ${storeHash} is not installed`);
    upsertCalls += outcome.upsertCalls;
    if (outcome.failedCustomerIds.length > 0)
      return { failed: outcome.failedCustomerIds.length, rewritten, upsertCalls };
    const written = new Map(outcome.written.map((a) => [a.customerId, a.version]));
    const now = await getAccounts(table, storeHash, [...written.keys()]);
    pending = now.filter((a) => a.version !== written.get(a.customerId));
  }
  return { failed: 0, rewritten, upsertCalls };
}
