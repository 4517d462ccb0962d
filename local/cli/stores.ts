// npm run stores -- purge [--dry-run] [--now <ISO time>] — the retention run by hand: deletes the
// data of every store uninstalled STORE_RETENTION_DAYS (default 90) or more before --now (default:
// now), as the daily StoreRetentionFunction does, resuming its unfinished run if there is one;
// prints what it deleted per store. --dry-run counts what would go and changes nothing.
// npm run stores -- queue — once after upgrading: queues the stores uninstalled before the
// uninstall queued them for the retention run (one scan).
// Local stack by default; AWS with APP_SECRET_ARN / TABLE_NAME / AWS_REGION set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const usage = `usage: npm run stores -- purge [--dry-run] [--now <ISO time>] | queue
  purge      delete the data of stores uninstalled STORE_RETENTION_DAYS (90) days or more ago
  --dry-run  count what would be deleted, delete nothing
  --now      the time retention is counted to (default: now), e.g. 2026-12-01T00:00:00Z
  queue      queue every uninstalled store for the retention run (stores uninstalled before it existed)`;
const cli = commandLine(
  'stores',
  usage,
  { 'dry-run': { type: 'boolean' }, now: { type: 'string' } },
  { positionals: true },
);
const [command, ...rest] = cli.positionals;
if (command !== 'purge' && command !== 'queue') cli.fail(`unknown command ${command ?? '(none)'}`);
if (rest.length) cli.fail(`unexpected argument ${rest[0]}`);
const now = new Date(cli.values.now ?? Date.now());
if (Number.isNaN(now.getTime())) cli.fail('--now must be an ISO time, e.g. 2026-12-01T00:00:00Z');
const dryRun = cli.values['dry-run'] === true;
useCliEnvironment();

const { settings } = await import('@bc-loyalty/shared/config');
const { pointsTable } = await import('@bc-loyalty/shared/ledger');
const { purgeDueStores, queueUninstalledStores } = await import('@bc-loyalty/shared/stores');
try {
  if (command === 'queue') {
    const queued = await queueUninstalledStores(pointsTable());
    for (const q of queued) console.log(`${q.storeHash} (uninstalled ${q.uninstalledAt}): queued`);
    console.log(`${queued.length} uninstalled stores queued for the retention run`);
    process.exit(0);
  }
  const retentionDays = settings().storeRetentionDays;
  const started = Date.now();
  const report = await purgeDueStores(pointsTable(), { retentionDays, now, dryRun });
  const counted = (n: number) => (dryRun ? `${n} items to delete` : `${n} items deleted`);
  for (const s of report.stores) {
    const what =
      s.outcome === 'cancelled'
        ? `reinstalled or uninstalled again: kept (${counted(s.deleted)} before)`
        : counted(s.deleted);
    console.log(`${s.storeHash} (uninstalled ${s.uninstalledAt}): ${what}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    report.stores.length === 0
      ? `no store uninstalled ${retentionDays} days or more before ${now.toISOString()}`
      : `${report.resumed ? 'resumed an unfinished run; ' : ''}${report.scanned} items scanned in ${seconds} s`,
  );
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
