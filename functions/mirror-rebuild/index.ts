// One leg of a mirror rebuild in AWS: the MirrorRebuildStateMachine invokes it with
// {"storeHash": …} (and "restart": true to start over) until it answers done. Each leg mirrors
// pages of the store's accounts from the checkpoint in the table until 2 minutes before its
// timeout; the checkpoint carries the run to the next leg (docs/mirroring.md).
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { rebuildMirror } from '@bc-loyalty/shared/mirror';
import { deadlineOf } from '@bc-loyalty/shared/retry';

/** What the state machine passes: the store, and `restart` on the first leg only. */
interface RebuildLeg {
  storeHash?: string;
  restart?: boolean;
}

const table = pointsTable();

export const handler = withLambdaContext(async (event: RebuildLeg, context) => {
  const { storeHash = '' } = event;
  if (!/^[a-z0-9]{1,32}$/.test(storeHash)) throw new Error('start the rebuild with {"storeHash": "<store hash>"}');
  const progress = await rebuildMirror(table, storeHash, {
    restart: event.restart === true,
    stopAfter: deadlineOf(context, 120_000, 600_000),
  });
  logger.info('mirror rebuild leg', { ...progress });
  // The state machine retries a failed leg; it resumes at the page that failed.
  if (progress.failed > 0) throw new Error(`${progress.failed} customer(s) of ${storeHash} not mirrored`);
  return { storeHash, done: progress.done, mirrored: progress.mirrored };
});
