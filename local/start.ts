// `npm start`: the whole local stack in one process tree. Ctrl-C (SIGINT/SIGTERM) stops everything,
// DynamoDB Local's java process included.
import { join } from 'node:path';
import { seedDemoAccounts } from './demo-data';
import { repoRoot } from './paths';
import { startLocalStack, type LocalStack } from './stack';

const startedAt = Date.now();
let stack: LocalStack;
try {
  stack = await startLocalStack({
    stateDir: join(repoRoot, '.cache'),
    log: (line) => console.log(`[local] ${line}`),
  });
} catch (error) {
  // A busy port, no Java…: one line that says what to do, not a stack trace.
  console.error(`npm start: ${(error as Error).message}`);
  process.exit(1);
}
await seedDemoAccounts(stack);
const s = stack.settings;
const demoStore = `${stack.sandbox?.url ?? '(off)'}/`;
console.log(`
bc-loyalty local stack is up (${((Date.now() - startedAt) / 1000).toFixed(1)} s)

  Demo store       ${demoStore}           log in as a demo customer, see points, redeem a reward for a coupon code
  Control panel    ${stack.sandbox ? `${stack.sandbox.url}/manage/app?store=appstore` : '(off)'}   install, open and uninstall the app (docs/app.md)
  API              ${stack.apiUrl}            GET /points · GET /points/history · GET /rewards · POST /points/redeem · GET /points/redemptions
  DynamoDB Local   ${stack.dynamodbEndpoint}       table ${s.tableName} (stream → mirror → sandbox)
  BigCommerce      ${s.bcApiUrl ?? stack.sandbox?.url ?? '(off)'}       ${s.bcApiUrl ? 'BC_API_URL: the functions call this store' : `sandbox Management API: /stores/${s.storeHash}/v3/…`}
  CORS origins     ${s.allowedOrigins}

Dev credentials (local only — env.json; override with environment variables):
  BC_CLIENT_ID      ${s.clientId}
  BC_CLIENT_SECRET  ${s.clientSecret}
  BC_STORE_HASH     ${s.storeHash}
  BC_ACCESS_TOKEN   ${s.accessToken}   (X-Auth-Token for the sandbox)

Try it:
  TOKEN=$(npm run -s token -- --customer 42)
  curl -H "Authorization: Bearer $TOKEN" ${stack.apiUrl}/points
  npm run -s points -- adjust --store ${s.storeHash} --customer 42 --points 500 --reason "Welcome"
  curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -H "Idempotency-Key: try-1" \
    -d '{"rewardId":"five-dollars-off"}' ${stack.apiUrl}/points/redeem
  npm run rewards -- list                     (add, update, disable: npm run rewards -- --help)
  curl -H "X-Auth-Token: ${s.accessToken}" "${stack.sandbox?.url ?? ''}/stores/${s.storeHash}/v3/customers/attribute-values?customer_id:in=42"

Ctrl-C stops everything.
`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// If whatever started us goes away without a signal reaching us, do not leave java behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown('parent exited');
}, 1000).unref();
