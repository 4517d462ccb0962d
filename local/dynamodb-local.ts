// DynamoDB Local — Amazon's own emulator — as shipped inside the npm package
// amplify-dynamodb-simulator. Fetched once with `npm pack` into .cache/ (git-ignored), checked
// against the registry's integrity hash, run with Java 17. No Docker, no AWS account.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator';
const SIMULATOR_VERSION = '2.9.30';
/** dist.integrity of the tarball in the npm registry. */
const SIMULATOR_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const cacheDir = join(repoRoot, '.cache', 'dynamodb-local', SIMULATOR_VERSION);

/** Returns the folder holding DynamoDBLocal.jar, fetching and verifying it on first use. */
function ensureDynamoDbLocal(log: (line: string) => void = () => {}): string {
  const emulator = join(cacheDir, 'emulator');
  if (existsSync(join(emulator, 'DynamoDBLocal.jar'))) return emulator;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'fetch-'));
  try {
    log(`fetching DynamoDB Local (${SIMULATOR_PACKAGE}@${SIMULATOR_VERSION}) with npm pack…`);
    const name =
      execFileSync(
        'npm',
        ['pack', `${SIMULATOR_PACKAGE}@${SIMULATOR_VERSION}`, '--silent', '--pack-destination', work],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      )
        .trim()
        .split('\n')
        .pop() ?? '';
    const tarball = join(work, name);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== SIMULATOR_INTEGRITY)
      throw new Error(`DynamoDB Local tarball failed its integrity check (${integrity})`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/emulator']);
    // Another process may have finished first; a rename onto an existing folder fails, which is fine.
    if (!existsSync(emulator)) renameSync(join(work, 'package', 'emulator'), emulator);
    return emulator;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface RunningDynamoDb {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDynamoDbLocal(options: {
  port: number;
  dbPath?: string;
  log?: (line: string) => void;
}): Promise<RunningDynamoDb> {
  const emulator = ensureDynamoDbLocal(options.log);
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-jar',
      join(emulator, 'DynamoDBLocal.jar'),
      '-port',
      String(options.port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    });
  try {
    await waitUntilReady(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, process: child, stop };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`DynamoDB Local did not answer within 60 s: ${output()}`);
  } finally {
    client.destroy();
  }
}
