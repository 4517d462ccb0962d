// npm run bench — runs every benchmark on this machine and writes docs/benchmarks.md.
// Ratios measured side by side in one run and call counts are the figures to trust; absolute
// times on a shared 2-core machine are noise.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAdminUi } from '../admin/build';
import { repoRoot } from '../local/paths';
import { BigCommerceSandbox } from '../local/sandbox/server';
import { startLocalStack } from '../local/stack';
import { benchDynamoDb } from './bench-dynamodb';
import { benchCallCounts } from './call-counts';
import { benchColdInit } from './cold-init';
import { costSheet, stackFacts } from './costs';
import { benchLoad } from './load';
import { namedSections } from './report';
import { median, pairedRatio } from './measure';
import { benchTokenVerification } from './token-verification';

// `npm run bench -- <name>` runs one named bench instead; it writes its own section.
const NAMED_BENCHES: Record<string, () => Promise<unknown>> = {
  rebuild: () => import('./rebuild'),
  retention: () => import('./retention'),
  'black-friday': async () => (await import('./black-friday')).benchBlackFriday(process.argv.slice(3)),
};
const named = process.argv[2];
if (named) {
  const bench = NAMED_BENCHES[named];
  if (!bench) throw new Error(`no bench ${named}: one of ${Object.keys(NAMED_BENCHES).join(', ')}`);
  await bench();
  process.exit(process.exitCode ?? 0);
}

const log = (line: string) => console.log(`[bench] ${line}`);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

log('DynamoDB Local and a BigCommerce sandbox…');
const { dynamodb, settings, template } = await benchDynamoDb('bench');
// Counting runs before the local stack starts, against a sandbox of its own, so no background
// stream processing adds calls to what is counted.
const countingSandbox = new BigCommerceSandbox({ stores: { [settings.storeHash]: settings.accessToken } });
await countingSandbox.listen();
Object.assign(process.env, {
  TABLE_NAME: settings.tableName,
  DYNAMODB_ENDPOINT: dynamodb.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  BC_API_URL: countingSandbox.url,
  BC_ACCESS_TOKEN: settings.accessToken,
  BC_STORE_HASH: settings.storeHash,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  BC_CLIENT_ID: settings.clientId,
  BC_CLIENT_SECRET: settings.clientSecret,
  BC_WEBHOOK_SECRET: settings.webhookSecret,
  APP_SECRET_ARN: '',
});
let tokens: Awaited<ReturnType<typeof benchTokenVerification>>;
let cold: Awaited<ReturnType<typeof benchColdInit>>;
let calls: Awaited<ReturnType<typeof benchCallCounts>>;
let load: Awaited<ReturnType<typeof benchLoad>>;
try {
  log('token verification…');
  tokens = await benchTokenVerification(settings.clientId, settings.clientSecret, settings.storeHash);
  log('cold init (fresh processes)…');
  cold = await benchColdInit(21);
  log('calls per request…');
  calls = await benchCallCounts(countingSandbox, settings.storeHash);
  await countingSandbox.close();
  log('load through the local stack (autocannon)…');
  const stack = await startLocalStack({
    // This measures our stack. A real store's API quota (150–450 requests per 30 s, shared by its apps)
    // caps redeems that issue their code in the request at 5–15 a second; the sandbox's default
    // would measure that quota instead.
    settings: { ...settings, sandboxQuota: 1_000_000 },
    dynamodbEndpoint: dynamodb.endpoint,
    functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  try {
    load = await benchLoad(stack);
  } finally {
    await stack.stop();
  }
} finally {
  await dynamodb.stop();
}
const limit = tokens[0]!.micros;
const joseKey = tokens.find((t) => t.name.includes('CryptoKey'))!;
const ours = tokens.find((t) => t.name.includes('our'))!;
const authorizerOverhead = pairedRatio(ours.rounds, joseKey.rounds);

const dynamoFns = cold.results.filter((r) => r.usesDynamoDb);
const fastestRatio = (r: { fastestMs: number }) => r.fastestMs / cold.reference.fastestMs;
const worstDynamoRatio = Math.max(...dynamoFns.map(fastestRatio));
const worstDynamoMedianRatio = Math.max(...dynamoFns.map((r) => r.initMs / cold.reference.initMs));
const authorizer = cold.results.find((r) => r.name === 'AuthorizerFunction')!;
const adminUi = await buildAdminUi();
const largestBundle = Math.max(...cold.results.map((r) => r.bundleBytes));

const preflight = cold.results.find((r) => r.name === 'PreflightFunction')!;
const [awsFloor, runtimeSdk] = cold.floors;
const ratio = (r: { fastestMs: number }) => fmt(fastestRatio(r), 2);
const coldInitNotes = `| where the rest goes | fastest ms | × reference |
|---|---|---|
| PreflightFunction: the HTTP stack without the AWS SDK (middy, Powertools logger, zod/mini) | ${fmt(preflight.fastestMs)} | ${ratio(preflight)} |
${cold.floors.map((f) => `| ${f.name} | ${fmt(f.fastestMs)} | ${ratio(f)} |`).join('\n')}

What brought init down from 1.0–1.9× the reference (the first run of this benchmark): zod/mini in
place of classic zod (the \`config\` bundle went from 433 KB to 31 KB); the AWS SDK bundled from its
ES builds, which tree-shake, with a Lambda-only credential provider (environment, then container
credentials: \`layers/shared/lambda-credentials.ts\`) in place of the default chain and its SSO/STS/INI
clients; the DynamoDB and Secrets Manager clients in one layer module so they share one SDK core;
the SDK's event-stream code left out (no DynamoDB or Secrets Manager operation uses it); the logger
middleware bundled with the logger instead of a second copy in \`http\`.

Where the DynamoDB handlers stand: at about ${fmt(median(dynamoFns.map(fastestRatio)), 2)}× (median of them; worst
${fmt(worstDynamoRatio, 2)}×), which is the HTTP stack (${ratio(preflight)}×) plus the SDK module
(${ratio(awsFloor!)}×) less the fixed costs they share (Node's built-in modules, garbage
collection). What is left to cut is the SDK itself: the DynamoDB client is two thirds of every
handler's init.

Why the authorizer stays above 0.25×: it must read the app's client secret from Secrets Manager at
cold start, and the SDK core that any \`@aws-sdk/client-secrets-manager\` call needs costs
${ratio(awsFloor!)}× the reference on its own (row above) — more than the goal before jose,
the logger or the config are loaded. Options not taken: importing the SDK on the first request (the
same cost lands in the first shopper's request instead, and Lambda's proactive initialisation is
wasted); the AWS Parameters and Secrets Lambda Extension (no SDK in the function, but an extension
process whose start counts in the function's init and cannot be measured on this machine, and it
would replace the product's Secrets Manager client); signing a Secrets Manager call by hand (a second
AWS client to maintain). The runtime-provided SDK is slower to load than our bundle
(${ratio(runtimeSdk!)}× for the DynamoDB client alone, unbundled), so the layer keeps bundling it.`;

const unitsOf = (action: string) => calls.find((c) => c.action.startsWith(action))!.readUnits;
const callNotes = `Targets: GET /points = 1 GetItem (met); redeem = 1 TransactWriteItems — we also make one strongly
consistent BatchGetItem of the account and the idempotency record before the version-conditioned
transaction, because the ledger entry carries \`balanceAfter\` and its sort key is the account
version (DESIGN deviation, docs/architecture.md): +${unitsOf('POST /points/redeem')} RRU a redemption (plus the reward's GetItem, and the
redemption marked issued after the coupon code was created: docs/rewards.md); earn = 1 order read + 1
transaction — we also read the order record (what was already awarded) and the account: +${unitsOf('earn')} RRU; mirror
= ⌈C/10⌉ upserts for C customers (met) + 1 BatchGetItem of the current balances, so a late record never
writes an older balance. Two more kinds of write are ours by design: every BigCommerce call first takes
its turn from the store's request budget (an UpdateItem of the window's item; a lease covers up to 5
queued calls, docs/operations.md), and every balance transaction also adds to two of the store's
figure shards (the admin's overview: +2 items, +4 WRU as writes in a transaction count twice,
docs/admin-api.md).`;

const md = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} (Lambda runs nodejs24.x). Ratios are measured side by side in
one run; absolute times on a shared machine are noise.

## Token verification (one process, sequential, median of 25 interleaved rounds × 2,000)

| variant | µs/op | × the limit |
|---|---|---|
${tokens.map((t) => `| ${t.name} | ${fmt(t.micros)} | ${fmt(t.micros / limit, 2)} |`).join('\n')}

Goal: our handler ≤ 1.2 × jose with a CryptoKey — **${fmt(authorizerOverhead, 3)}×** (median of the 25 round-by-round
ratios), ${verdict(authorizerOverhead <= 1.2)}.

## Cold init and bundle sizes (esbuild per template Metadata; fresh Node process with only the layer on NODE_PATH; 21 interleaved runs)

| function | bundle | fastest ms | × reference | median ms | × reference |
|---|---|---|---|---|---|
${cold.results.map((r) => `| ${r.name} | ${kb(r.bundleBytes)} | ${fmt(r.fastestMs)} | ${fmt(fastestRatio(r), 2)} | ${fmt(r.initMs)} | ${fmt(r.initMs / cold.reference.initMs, 2)} |`).join('\n')}
| reference: DynamoDB client + lib-dynamodb, middy, Powertools logger, jose | ${kb(cold.reference.bundleBytes)} | ${fmt(cold.reference.fastestMs)} | 1.00 | ${fmt(cold.reference.initMs)} | 1.00 |

Goals are judged on the fastest run of each: other work on a shared machine only ever adds time, the
same milliseconds to a small bundle as to a large one, which drags every ratio toward 1; the fastest
of ${21} interleaved runs is the closest estimate of the loading work itself. The medians are beside
them (worst DynamoDB handler ${fmt(worstDynamoMedianRatio, 2)}× by median). Absolute times on Lambda
differ (nodejs24.x, and a 512 MB function gets a fraction of a vCPU); the ratios are what carries over.

Layer (all subpath bundles): ${kb(cold.layerBytes)}. The admin UI's browser bundle (React 19 + BigDesign 5 +
styled-components, minified, production React; served by AdminUiFunction): ${kb(adminUi.bytes)}, ${kb(adminUi.gzipBytes)} gzipped.

| goal | measured | |
|---|---|---|
| DynamoDB handlers init ≤ 0.6 × reference | worst ${fmt(worstDynamoRatio, 3)}× | ${verdict(worstDynamoRatio <= 0.6)} |
| authorizer init ≤ 0.25 × reference | ${fmt(fastestRatio(authorizer), 3)}× | ${verdict(fastestRatio(authorizer) <= 0.25)} |
| function bundles ≤ 20 KB | largest ${kb(largestBundle)} | ${verdict(largestBundle <= 20 * 1024)} |

${coldInitNotes}

## Calls per request (counted by SDK middleware and the sandbox)

| action | DynamoDB | RRU | WRU | BigCommerce |
|---|---|---|---|---|
${calls.map((c) => `| ${c.action} | ${c.dynamodb} | ${c.readUnits} | ${c.writeUnits} | ${c.bigcommerce} |`).join('\n')}

${callNotes}

What these cost a month for 10k and 1M shoppers: [costs.md](costs.md).

## Load through the local stack (autocannon, ${8} s each; a pool of execution environments per function (one per core), DynamoDB Local; the sandbox's quota lifted so it measures our stack, not BigCommerce's)

| route | connections | requests | req/s | p50 ms | p99 ms | non-2xx | errors |
|---|---|---|---|---|---|---|---|
${load.map((l) => `| ${l.route} | ${l.connections} | ${l.requests} | ${fmt(l.rps)} | ${l.p50} | ${l.p99} | ${l.non2xx} | ${l.errors} |`).join('\n')}
`;
writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), md + namedSections());
writeFileSync(join(repoRoot, 'docs', 'costs.md'), costSheet(calls, stackFacts(template)));
log('wrote docs/benchmarks.md and docs/costs.md');
process.exit(0);
