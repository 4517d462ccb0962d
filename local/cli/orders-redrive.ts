// npm run orders:redrive -- --store <hash> [--since <ISO date>]
// Re-processes the order events the webhook stored for a store (EVENT# items, kept 14 days) through
// the stream consumer's own processOrderEvent: the runbook step after OrderEventsDeadLetterAlarm
// (docs/operations.md). Idempotent: each order is awarded and reversed exactly once, however often
// its events are re-driven. Local stack by default; AWS when APP_SECRET_ARN (and TABLE_NAME…) are set.
import { parseArgs } from 'node:util';
import { failWith, isConnectionRefused, useCliEnvironment } from './environment';

const usage = 'usage: npm run orders:redrive -- --store <hash> [--since <ISO date, e.g. 2026-11-25T00:00:00Z>]';
let values: { store?: string; since?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { store: { type: 'string' }, since: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  failWith(usage, `orders:redrive: ${(error as Error).message}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const { local } = useCliEnvironment();
const storeHash = values.store ?? (local ? process.env.BC_STORE_HASH?.split(',')[0] : undefined);
if (!storeHash || !/^[a-z0-9]{1,32}$/.test(storeHash)) failWith(usage, 'orders:redrive: --store <hash> is required');
const sinceMs = values.since === undefined ? undefined : Date.parse(values.since);
if (sinceMs !== undefined && Number.isNaN(sinceMs)) failWith(usage, `orders:redrive: --since ${values.since} is not a date`);
const since = sinceMs === undefined ? undefined : new Date(sinceMs).toISOString();

const { redriveOrderEvents } = await import('@bc-loyalty/shared/orders');
try {
  const report = await redriveOrderEvents(storeHash, since, (event, outcome) => {
    console.log(`order ${event.orderId} ${event.scope} (received ${event.receivedAt}): ${outcome}`);
  });
  console.log(`re-drove ${report.events} stored event(s) of ${storeHash}${since ? ` since ${since}` : ''}: `
    + `${report.earned} points earned, ${report.reversed} reversed, ${report.ignored} ignored, ${report.failed} failed`);
  if (report.failed > 0) {
    console.error(`${report.failed} event(s) failed (see above); run again once BigCommerce answers`);
    process.exit(1);
  }
} catch (error) {
  if (isConnectionRefused(error)) failWith(usage, 'orders:redrive: cannot reach DynamoDB — is `npm start` running?');
  throw error;
}
