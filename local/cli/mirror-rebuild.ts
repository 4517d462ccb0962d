// npm run mirror:rebuild -- --store <hash>
// Re-mirrors every account of the store from the ledger into BigCommerce (coalesced 10 per call,
// rate-limit aware). Local stack by default; AWS when APP_SECRET_ARN (and TABLE_NAME…) are set.
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const cli = commandLine('mirror:rebuild', 'usage: npm run mirror:rebuild -- --store <hash>', {
  store: { type: 'string' },
});
const { defaultStore } = useCliEnvironment();
const storeHash = cli.storeHash(cli.values.store ?? defaultStore);

const { rebuildMirror } = await import('@bc-loyalty/shared/mirror');
const table = (await import('@bc-loyalty/shared/ledger')).pointsTable();
const { settings } = await import('@bc-loyalty/shared/config');
const started = Date.now();
try {
  const result = await rebuildMirror(table, storeHash, (p) => {
    process.stdout.write(
      `\r${p.accounts} accounts read, ${p.mirrored} mirrored, ${p.failed} failed, ${p.upsertCalls} upsert calls`,
    );
  });
  if (result.failed > 0) {
    console.error(
      `\nmirror:rebuild: ${result.failed} of ${result.accounts} account(s) of ${storeHash} could not be mirrored to BigCommerce at ${settings().bcApiUrl}; see the log above and run again`,
    );
    process.exit(1);
  }
  console.log(`\nrebuilt the mirror of ${storeHash} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  cli.exitIfUnreachable(error);
  throw error;
}
