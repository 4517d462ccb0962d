// One leg of a mirror rebuild in AWS: the MirrorRebuildStateMachine invokes it with
// {"storeHash", "runId": <execution name>} (and "restart": true on the first leg to start over)
// until it answers done. Each leg mirrors pages of the store's accounts from the checkpoint in the
// table until 2 minutes before its timeout; the checkpoint carries the run to the next leg, and a
// retried leg of the same run resumes it, the first one too (docs/mirroring.md).
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import {
  describeRebuild,
  type RebuildEstimate,
  type RebuildProgress,
  rebuildEstimator,
  rebuildMirror,
  tableItemCount,
} from '@bc-loyalty/shared/mirror';
import { deadlineOf } from '@bc-loyalty/shared/retry';

/** What the state machine passes: the store, its execution's name, and `restart` on the first leg only. */
interface RebuildLeg {
  storeHash?: string;
  runId?: string;
  restart?: boolean;
}

/** Progress is logged at most this often (a page takes well under a second on a quiet table). */
const LOG_EVERY_MS = 60_000;
const table = pointsTable();

export const handler = withLambdaContext(async (event: RebuildLeg, context) => {
  const { storeHash = '', runId } = event;
  if (!/^[a-z0-9]{1,32}$/.test(storeHash)) throw new Error('start the rebuild with {"storeHash": "<store hash>"}');
  // The CLI's progress line, with its figures as fields, at most every LOG_EVERY_MS and at the end;
  // every page is estimated (the speed is measured from the leg's first page).
  const estimate = rebuildEstimator(await tableItemCount(table));
  const log = (message: string, p: RebuildProgress, e: RebuildEstimate) =>
    logger.info(message, { storeHash, progress: describeRebuild(p, e), ...p, ...e });
  let loggedAt = Date.now();
  const progress = await rebuildMirror(table, storeHash, {
    restart: event.restart === true,
    ...(runId ? { runId } : {}),
    stopAfter: deadlineOf(context, 120_000, 600_000),
    onProgress: (p) => {
      const e = estimate(p);
      if (Date.now() - loggedAt < LOG_EVERY_MS) return;
      loggedAt = Date.now();
      log('mirror rebuild progress', p, e);
    },
  });
  log('mirror rebuild leg', progress, estimate(progress));
  // The state machine retries a failed leg; it resumes at the page that failed.
  if (progress.failed > 0) throw new Error(`${progress.failed} customer(s) of ${storeHash} not mirrored`);
  return { storeHash, done: progress.done, mirrored: progress.mirrored };
});
