// npm run stats -- check | rebuild [--store <hash>] — a store's overview figures (the admin's
// members, points outstanding, monthly flow, rewards) against a recount of its ledger (a full
// scan): `check` prints both and exits 1 when they differ; `rebuild` rewrites the figures from the
// ledger (after a finding, or for a ledger older than the figures). Run rebuild while the store is quiet.
// Local stack by default; AWS with APP_SECRET_ARN / TABLE_NAME / AWS_REGION set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const usage = 'usage: npm run stats -- check | rebuild [--store <hash>]';
const cli = commandLine('stats', usage, { store: { type: 'string' } }, { positionals: true });
const { defaultStore } = useCliEnvironment();
const storeHash = cli.storeHash(cli.values.store ?? defaultStore);
const command = cli.positionals[0];
if (command !== 'check' && command !== 'rebuild') cli.fail(`unknown command ${command ?? '(none)'}`);

const { ledgerStats, pointsTable, readStoreStats, rebuildStats } = await import('@bc-loyalty/shared/ledger');
const table = pointsTable();
try {
  if (command === 'rebuild') {
    const { periods } = await rebuildStats(table, storeHash);
    console.log(`${storeHash}: figures rewritten from the ledger (${periods} periods)`);
    process.exit(0);
  }
  const { totals, months } = await ledgerStats(table, storeHash);
  const findings: string[] = [];
  const kept = await readStoreStats(table, storeHash);
  for (const [name, value] of Object.entries(totals)) {
    const figure = kept[name as keyof typeof totals];
    if (figure !== value) findings.push(`${name}: figures say ${figure}, the ledger ${value}`);
  }
  for (const [month, flow] of months) {
    const keptFlow = (await readStoreStats(table, storeHash, month)).month;
    for (const [type, value] of Object.entries(flow)) {
      const figure = keptFlow[type as keyof typeof flow];
      if (figure !== value) findings.push(`${month} ${type}: figures say ${figure}, the ledger ${value}`);
    }
  }
  console.log(`${storeHash}: ${JSON.stringify(totals)}, ${months.size} months, ${findings.length} findings`);
  for (const f of findings) console.log(`  ${f}`);
  process.exit(findings.length ? 1 : 0);
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
