// npm run bench -- rebuild [--accounts 100000] [--scale 10]: a mirror rebuild of a big store at the
// quota's speed, killed at ~40% and resumed. The sandbox enforces Standard's 150 requests per 30 s
// with time running `scale` times faster (the window lasts 30 s / scale); every time figure below
// is real time × scale, i.e. store time. Writes its section into docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ALONE_SHARE } from '../layers/shared/src/quota/policy';
import { repoRoot } from '../local/paths';
import { BigCommerceSandbox } from '../local/sandbox/server';
import { benchDynamoDb } from './bench-dynamodb';
import { seedAccounts } from '../test/support/seed-accounts';
import { replaceSection } from './report';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { accounts: { type: 'string', default: '100000' }, scale: { type: 'string', default: '10' } },
});
const ACCOUNTS = Number(values.accounts);
const SCALE = Number(values.scale);
const RESERVE = 0.2;
const QUOTA = 150;
const ATTRIBUTE = 'Loyalty points';
const log = (line: string) => console.log(`[bench rebuild] ${line}`);

const { dynamodb, settings } = await benchDynamoDb('bench-rebuild');
const store = settings.storeHash.split(',')[0]!;
const sandbox = new BigCommerceSandbox({
  stores: { [store]: settings.accessToken },
  plan: 'standard',
  timeScale: SCALE,
});
await sandbox.listen();
const windowMs = sandbox.quota.windowMs;
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const balanceOf = (customerId: number) => (customerId * 7919) % 100_000;
const ids = Array.from({ length: ACCOUNTS }, (_, i) => i + 1);

try {
  log(`seeding ${ACCOUNTS} accounts (BatchWriteItem)…`);
  const seedStart = Date.now();
  await seedAccounts({ client: db, name: settings.tableName }, store, ids, balanceOf);
  log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

  const env = {
    ...process.env,
    APP_SECRET_ARN: '',
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    TABLE_NAME: settings.tableName,
    BC_API_URL: sandbox.url,
    BC_STORE_HASH: store,
    BC_ACCESS_TOKEN: settings.accessToken,
    BC_QUOTA_WINDOW_MS: String(windowMs),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  const started = Date.now();
  log(`rebuild at Standard's quota, time ×${SCALE} (window ${windowMs} ms); kill at ~40%…`);
  const first = rebuildProcess(env);
  while ((await checkpointMirrored()) < ACCOUNTS * 0.4) await new Promise((r) => setTimeout(r, 100));
  first.kill('SIGKILL');
  await new Promise((r) => first.once('close', r));
  const killedAt = { ms: Date.now() - started, mirrored: await checkpointMirrored() };
  log(`killed at ${killedAt.mirrored} mirrored; resuming…`);
  const resumedAt = Date.now();
  const second = rebuildProcess(env);
  let output = '';
  second.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise((r) => second.once('close', r));
  const totalMs = Date.now() - started;
  if (code !== 0) throw new Error(`the resumed rebuild failed (${code}): ${output.slice(-500)}`);

  const attribute = sandbox.store(store).attributes.find((a) => a.name === ATTRIBUTE)!;
  const values = new Map(
    sandbox
      .store(store)
      .attributeValues.filter((v) => v.attribute_id === attribute.id)
      .map((v) => [v.customer_id, v.attribute_value]),
  );
  const gaps = ids.filter((id) => values.get(id) !== String(balanceOf(id))).length;
  const windows = sandbox.quotaOf(store).windows.filter((w) => w.ours > 0);
  const busy = windows.slice(1, -1); // the first and last windows are partly used
  const calls = sandbox.countOf('upsertCustomersAttributeValues');
  const storeSeconds = (ms: number) => (ms * SCALE) / 1000;
  // the mirror alone takes ALONE_SHARE of our share (the rest waits for reward and admin calls)
  const perWindow = Math.floor(QUOTA * (1 - RESERVE) * ALONE_SHARE.mirror);
  const boundPerSecond = (perWindow * 10) / 30;
  const throughput = ACCOUNTS / storeSeconds(totalMs - (resumedAt - started - killedAt.ms));
  const figures = {
    gaps,
    calls,
    rejected: sandbox.rateLimited,
    maxPerWindow: Math.max(...windows.map((w) => w.ours)),
    meanPerWindow: busy.reduce((n, w) => n + w.ours, 0) / Math.max(1, busy.length),
    throughput,
    share: throughput / boundPerSecond,
  };
  const budgetWrites = /(\d+) budget writes/.exec(output)?.[1];
  const lines = [
    `## Mirror rebuild at the quota (\`npm run bench -- rebuild\`)`,
    '',
    `${ACCOUNTS.toLocaleString('en')} accounts, the sandbox at Standard's quota (150 requests per 30 s) with time ×${SCALE} (a ${windowMs} ms window); times are store time (real × ${SCALE}). The rebuild (\`npm run mirror:rebuild\`, a child process) was SIGKILLed at ${((killedAt.mirrored / ACCOUNTS) * 100).toFixed(0)}% and run again.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| customers mirrored | ${(ACCOUNTS - gaps).toLocaleString('en')} of ${ACCOUNTS.toLocaleString('en')}; attribute ≠ balance after the resume: **${gaps}** |`,
    `| total time (store) | ${(storeSeconds(totalMs) / 60).toFixed(1)} min, of which the restart ${storeSeconds(resumedAt - started - killedAt.ms).toFixed(0)} s |`,
    `| throughput (store) | ${throughput.toFixed(1)} customers/s = **${(figures.share * 100).toFixed(0)}%** of the budget's bound ${boundPerSecond.toFixed(0)}/s (${perWindow} calls = 150 × (1 − 0.2) × ${ALONE_SHARE.mirror} per 30 s, 10 customers each) |`,
    `| BigCommerce calls | ${calls.toLocaleString('en')} upserts (${(ACCOUNTS / calls).toFixed(2)} customers per call; the page in flight at the kill written twice) |`,
    `| 429s | ${figures.rejected} |`,
    `| quota used per window | max ${figures.maxPerWindow} of 150 (our share 120, the mirror's ${perWindow}), mean ${figures.meanPerWindow.toFixed(0)} over ${busy.length} full windows |`,
    ...(budgetWrites ? [`| DynamoDB budget writes (resumed run) | ${budgetWrites} |`] : []),
  ];
  replaceSection('Mirror rebuild at the quota', lines.join('\n'));
  log(lines.join('\n'));
  if (gaps > 0 || figures.rejected > 0 || figures.maxPerWindow > 120) process.exitCode = 1;
} finally {
  await sandbox.close();
  await dynamodb.stop();
}

async function checkpointMirrored(): Promise<number> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: settings.tableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `STORE#${store}`, ':sk': 'REBUILD' },
    }),
  );
  return Number(Items[0]?.mirrored ?? 0);
}

function rebuildProcess(env: NodeJS.ProcessEnv) {
  const cli = join(repoRoot, 'local/cli/mirror-rebuild.ts');
  return spawn(process.execPath, ['--import', 'tsx', cli, '--store', store], { cwd: repoRoot, env });
}
