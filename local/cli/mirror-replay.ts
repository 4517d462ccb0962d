// npm run mirror:replay [-- --dir .cache/mirror-dlq]
// Replays the batches the local stream event source dead-lettered: re-mirrors the current balance
// of every customer in them and removes each file that went through.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { repoRoot } from '../paths';
import { commandLine } from './command-line';
import { useCliEnvironment } from './environment';

const cli = commandLine('mirror:replay', 'usage: npm run mirror:replay -- [--dir <folder of dead letters>]', {
  dir: { type: 'string', default: join(repoRoot, '.cache', 'mirror-dlq') },
});
const dir = cli.values.dir!;
useCliEnvironment();
const { accountChangesOf, mirrorBalances } = await import('@bc-loyalty/shared/mirror');
const table = (await import('@bc-loyalty/shared/ledger')).pointsTable();

let files: string[] = [];
try {
  files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
} catch {
  // no folder: nothing was ever dead-lettered
}
if (files.length === 0) console.log(`no dead letters in ${dir}`);
let failed = 0;
for (const file of files) {
  const path = join(dir, file);
  const { records, reason } = JSON.parse(readFileSync(path, 'utf8')) as { records: DynamoDBRecord[]; reason: string };
  try {
    const outcome = await mirrorBalances(table, accountChangesOf(records));
    if (outcome.failedRecordIds.length === 0) {
      rmSync(path);
      console.log(`${file}: replayed ${outcome.mirroredCustomers} customer(s) (was: ${reason})`);
    } else {
      failed++;
      console.error(`${file}: ${outcome.failedRecordIds.length} record(s) still failing; kept`);
    }
  } catch (error) {
    cli.exitIfUnreachable(error);
    throw error;
  }
}
process.exit(failed ? 1 : 0);
