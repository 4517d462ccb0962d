// How far a mirror rebuild is and how long it has left, one way for the CLI's line and the AWS
// legs' logs. The scan walks the whole table (every store's items), so the ETA extrapolates the
// scanned share of the table at this run's speed: the store's accounts are spread over the scan
// (keys are hashed), so its customers left are about mirrored × (1 − share) / share, and the speed
// measured includes the scanning of other stores' items.
import { DescribeTableCommand, type DynamoDBClient } from '../aws';
import type { PointsTable } from '../ledger';
import type { RebuildProgress } from './rebuild-mirror';

/** A rebuild's progress as an operator reads it. */
export interface RebuildEstimate {
  /** The share of the table scanned so far (0–1). */
  share: number;
  /** Customers mirrored per second since the estimate started watching. */
  rate: number;
  /** Seconds left at that rate, when it can be told yet. */
  etaSeconds?: number;
}

/**
 * The table's item count, the denominator of the ETA (DescribeTable: exact locally, refreshed
 * about every 6 hours by AWS); 0 when unknown.
 */
export async function tableItemCount(table: PointsTable): Promise<number> {
  // A control-plane call through the table's own client (the document client passes it through).
  const client = table.client as unknown as DynamoDBClient;
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
  return Table?.ItemCount ?? 0;
}

/**
 * Watches a run's progress reports and estimates each: `now` is injectable for tests.
 *
 * @example
 * const estimate = rebuildEstimator(await tableItemCount(table));
 * await rebuildMirror(table, store, { onProgress: (p) => console.log(describeRebuild(p, estimate(p))) });
 */
export function rebuildEstimator(
  tableItems: number,
  now: () => number = Date.now,
): (progress: RebuildProgress) => RebuildEstimate {
  let first: { mirrored: number; at: number } | undefined;
  return (p) => {
    first ??= { mirrored: p.mirrored, at: now() };
    const rate = (p.mirrored - first.mirrored) / Math.max(0.001, (now() - first.at) / 1000);
    const share = tableItems > 0 ? Math.min(1, p.scanned / tableItems) : 0;
    const remaining = share > 0 ? (p.mirrored * (1 - share)) / share : Number.NaN;
    const etaSeconds = rate > 0 && Number.isFinite(remaining) ? Math.ceil(remaining / rate) : undefined;
    return { share, rate, ...(etaSeconds === undefined ? {} : { etaSeconds }) };
  };
}

/** The progress line: mirrored, share scanned, speed, upsert calls and the ETA when known. */
export function describeRebuild(p: RebuildProgress, e: RebuildEstimate): string {
  return (
    `${p.resumed ? 'resumed, ' : ''}${p.mirrored} mirrored (${(e.share * 100).toFixed(1)}% of the table scanned), ` +
    `${e.rate.toFixed(0)} customers/s, ${p.upsertCalls} upsert calls${e.etaSeconds === undefined ? '' : `, ETA ${e.etaSeconds} s`}`
  );
}
