// Every ops CLI: usage on --help, one line (no stack trace) and the usage on a bad flag, and the
// endpoint named when it cannot be reached.
import { describe, expect, it } from 'vitest';
import { freePort } from '../local/ports';
import { useTestTable, TEST_STORE, testTable } from './support/environment';
import { runScript, type ScriptResult } from './support/run-script';

const CLIS = [
  'token',
  'points',
  'mirror-rebuild',
  'mirror-replay',
  'bc-setup',
  'audit-ledger',
  'orders-redrive',
  'rewards',
];

const run = (cli: string, args: string[], env: Record<string, string> = {}): Promise<ScriptResult> =>
  runScript(`local/cli/${cli}.ts`, args, { ...process.env, APP_SECRET_ARN: '', ...env });

describe('ops CLIs', () => {
  it.concurrent.each(CLIS)('%s --help prints the usage and exits 0', async (cli) => {
    const { code, stdout, stderr } = await run(cli, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run /);
    expect(stderr).toBe('');
  });

  it.concurrent.each(CLIS)('%s --bogus prints one line and the usage, no stack, and exits 2', async (cli) => {
    const { code, stdout, stderr } = await run(cli, ['--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [first, ...rest] = stderr.trimEnd().split('\n');
    expect(first).toMatch(/^[a-z:]+: Unknown option '--bogus'$/);
    expect(rest[0]).toMatch(/^usage: npm run /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('mirror:rebuild names DynamoDB when it cannot reach it', async () => {
    const port = await freePort();
    const { code, stderr } = await run('mirror-rebuild', ['--store', TEST_STORE], {
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `mirror:rebuild: cannot reach DynamoDB at http://127.0.0.1:${port} — is \`npm start\` running?`,
    );
  });

  it('mirror:rebuild names BigCommerce when it cannot mirror, and does not say "rebuilt"', async () => {
    const tableName = await useTestTable();
    const ledger = await import('@bc-loyalty/shared/ledger');
    const table = testTable(tableName);
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId: 1 },
      { type: 'adjust', points: 5, reason: 'cli test' },
    );
    const port = await freePort();
    const { code, stdout, stderr } = await run('mirror-rebuild', ['--store', TEST_STORE], {
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!,
      TABLE_NAME: tableName,
      BC_STORE_HASH: TEST_STORE,
      BC_API_URL: `http://127.0.0.1:${port}`,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/rebuilt/);
    expect(stderr).toContain(`could not be mirrored to BigCommerce at http://127.0.0.1:${port}`);
  }, 60_000);
});
