// npm run mirror:rebuild -- --store <hash>
// Re-mirrors every account of the store from the ledger into BigCommerce (coalesced 10 per call,
// rate-limit aware). Local stack by default; AWS when APP_SECRET_ARN (and TABLE_NAME…) are set.
import { parseArgs } from 'node:util';
import { failWith, isConnectionRefused, useCliEnvironment } from './environment';

const usage = 'usage: npm run mirror:rebuild -- --store <hash>';
const { values } = parseArgs({ options: { store: { type: 'string' } } });
const { local } = useCliEnvironment();
const storeHash = values.store ?? (local ? process.env.BC_STORE_HASH?.split(',')[0] : undefined);
if (!storeHash || !/^[a-z0-9]{1,32}$/.test(storeHash)) failWith(usage, 'mirror:rebuild: --store <hash> is required');

const { rebuildMirror } = await import('@bc-loyalty/shared/mirror');
const started = Date.now();
try {
  const result = await rebuildMirror(storeHash, (p) => {
    process.stdout.write(`\r${p.accounts} accounts read, ${p.mirrored} mirrored, ${p.failed} failed, ${p.upsertCalls} upsert calls`);
  });
  console.log(`\nrebuilt the mirror of ${storeHash} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.failed > 0) {
    console.error(`${result.failed} account(s) could not be mirrored; see the log above and run again`);
    process.exit(1);
  }
} catch (error) {
  if (isConnectionRefused(error)) failWith(usage, 'mirror:rebuild: cannot reach DynamoDB or BigCommerce — is `npm start` running?');
  throw error;
}
