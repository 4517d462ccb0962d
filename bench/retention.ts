// npm run bench -- retention [--accounts 50000]: the retention run on DynamoDB Local. Two stores of
// `accounts` accounts each, `bench` uninstalled 91 days ago and `benchx` installed (its hash starts
// with the other's); the purge (`npm run stores -- purge`, a child process) is SIGKILLed at ~40% and
// run again. Writes its section into docs/benchmarks.md: items deleted per second, and what a scan
// costs in AWS (computed from the table's size: DynamoDB Local does not meter).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getItem, openPointsTable, scanPages } from '@bc-loyalty/shared/ledger';
import { recordInstall, recordUninstall } from '@bc-loyalty/shared/stores';
import { purgeCheckpointKey, storeOfPk } from '../layers/shared/src/table-keys';
import { repoRoot } from '../local/paths';
import { seedAccounts } from '../test/support/seed-accounts';
import { benchDynamoDb } from './bench-dynamodb';
import { PRICES } from './costs';
import { replaceSection } from './report';

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { accounts: { type: 'string', default: '50000' } },
});
const ACCOUNTS = Number(values.accounts);
const log = (line: string) => console.log(`[bench retention] ${line}`);

const { dynamodb, settings } = await benchDynamoDb('bench-retention');
const client = new DynamoDBClient({
  endpoint: dynamodb.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const table = openPointsTable(settings.tableName, client);
const ids = Array.from({ length: ACCOUNTS }, (_, i) => i + 1);
const env = { ...process.env, APP_SECRET_ARN: '', DYNAMODB_ENDPOINT: dynamodb.endpoint, TABLE_NAME: table.name };

try {
  log(`seeding ${ACCOUNTS} accounts in each of bench and benchx…`);
  for (const storeHash of ['bench', 'benchx']) {
    await recordInstall(table, { storeHash, scopes: '', encryptedAccessToken: 'sealed' });
    await seedAccounts(table, storeHash, ids, (id) => id % 1000);
  }
  await recordUninstall(
    table,
    'bench',
    { at: new Date().toISOString(), failed: [] },
    new Date(Date.now() - 91 * 86_400_000),
  );
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
  const tableBytes = Table?.TableSizeBytes ?? 0;

  const started = Date.now();
  const first = purgeProcess();
  while ((await deletedSoFar()) < ACCOUNTS * 0.4) await new Promise((r) => setTimeout(r, 50));
  first.kill('SIGKILL');
  await new Promise((r) => first.once('close', r));
  const killedAt = await deletedSoFar();
  log(`killed at ${killedAt} deleted; resuming…`);
  const resumedAt = Date.now();
  const second = purgeProcess();
  let output = '';
  second.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise((r) => second.once('close', r));
  const ms = Date.now() - started;
  if (code !== 0) throw new Error(`the resumed purge failed (${code}): ${output.slice(-500)}`);
  const left: Record<string, number> = {};
  let scanned = 0;
  for await (const page of scanPages(table, {
    ProjectionExpression: 'pk',
  }))
    for (const { pk } of page) {
      const owner = storeOfPk(String(pk)) ?? String(pk);
      left[owner] = (left[owner] ?? 0) + 1;
      scanned++;
    }
  const deleted = ACCOUNTS + 1; // the accounts and the record
  const gib = tableBytes / 2 ** 30;
  const readUnitsPerGib = (2 ** 30 / 4096) * 0.5; // Scan: eventually consistent, 0.5 RRU per 4 KB read
  const lines = [
    '## Retention run (`npm run bench -- retention`)',
    '',
    `Two stores of ${ACCOUNTS.toLocaleString('en')} accounts each on DynamoDB Local (${(tableBytes / 2 ** 20).toFixed(1)} MB): \`bench\` uninstalled 91 days ago, \`benchx\` installed. \`npm run stores -- purge\` (a child process) was SIGKILLed at ${((killedAt / ACCOUNTS) * 100).toFixed(0)}% and run again (resumed from its checkpoint).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| left after the resume | bench: **${left.bench ?? 0}**, benchx: ${left.benchx ?? 0} of ${ACCOUNTS + 1} (${scanned} items in the table) |`,
    `| time | ${(ms / 1000).toFixed(1)} s for ${deleted.toLocaleString('en')} deletes, **${Math.round(deleted / (ms / 1000)).toLocaleString('en')} items deleted/s** (the restart ${((resumedAt - started) / 1000).toFixed(1)} s in) |`,
    `| a scan's reads in AWS (computed) | ${readUnitsPerGib.toLocaleString('en')} RRU per GiB of table ($${((readUnitsPerGib * PRICES.readUnitsPerMillion) / 1e6).toFixed(4)}); this table: ${Math.ceil(gib * readUnitsPerGib).toLocaleString('en')} RRU |`,
    `| deletes in AWS (computed) | 1 WRU per item under 1 KB: ${deleted.toLocaleString('en')} WRU ($${((deleted * PRICES.writeUnitsPerMillion) / 1e6).toFixed(4)}) |`,
  ];
  replaceSection('Retention run', lines.join('\n'));
  log(lines.join('\n'));
  if ((left.bench ?? 0) > 0 || left.benchx !== ACCOUNTS + 1) process.exitCode = 1;
} finally {
  client.destroy();
  await dynamodb.stop();
}

async function deletedSoFar(): Promise<number> {
  const checkpoint = await getItem(table, purgeCheckpointKey);
  return Number((checkpoint?.stores as Array<{ deleted: number }> | undefined)?.[0]?.deleted ?? 0);
}

function purgeProcess() {
  const cli = join(repoRoot, 'local/cli/stores.ts');
  return spawn(process.execPath, ['--import', 'tsx', cli, 'purge'], { cwd: repoRoot, env });
}
