// npm run orders:redrive -- --store <hash> [--since <ISO date>]
// Re-processes the order events the webhook stored for a store (EVENT# items, kept 14 days) through
// the stream consumer's own batch processing: the runbook step after OrderEventsDeadLetterAlarm
// (docs/operations.md). Idempotent: each order is awarded and reversed exactly once, however often
// its events are re-driven. Local stack by default; AWS when APP_SECRET_ARN (and TABLE_NAME…) are set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const cli = commandLine(
  'orders:redrive',
  'usage: npm run orders:redrive -- --store <hash> [--since <ISO date, e.g. 2026-11-25T00:00:00Z>]',
  {
    store: { type: 'string' },
    since: { type: 'string' },
  },
);
const { defaultStore } = useCliEnvironment();
const storeHash = cli.storeHash(cli.values.store ?? defaultStore);
const sinceMs = cli.values.since === undefined ? undefined : Date.parse(cli.values.since);
if (sinceMs !== undefined && Number.isNaN(sinceMs)) cli.fail(`--since ${cli.values.since} is not a date`);
const since = sinceMs === undefined ? undefined : new Date(sinceMs).toISOString();

const { redriveOrderEvents } = await import('@bc-loyalty/shared/orders');
const table = (await import('@bc-loyalty/shared/ledger')).pointsTable();
try {
  const report = await redriveOrderEvents(table, storeHash, since, (event, outcome) => {
    console.log(`order ${event.orderId} ${event.scope} (received ${event.receivedAt}): ${outcome}`);
  });
  console.log(
    `re-drove ${report.events} stored event(s) of ${storeHash}${since ? ` since ${since}` : ''}: ` +
      `${report.earned} points earned, ${report.reversed} reversed, ${report.ignored} ignored, ${report.failed} failed`,
  );
  if (report.failed > 0) {
    console.error(`${report.failed} event(s) failed (see above); run again once BigCommerce answers`);
    process.exit(1);
  }
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
