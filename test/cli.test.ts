// Every ops CLI: usage on --help, one line (no stack trace) and the usage on a bad flag, and the
// endpoint named when it cannot be reached.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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
  'stats',
  'stores',
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

  it('stats check finds figures that drifted from the ledger, and rebuild repairs them', async () => {
    const tableName = await useTestTable();
    const ledger = await import('@bc-loyalty/shared/ledger');
    const table = testTable(tableName);
    const customer = { storeHash: TEST_STORE, customerId: 2 };
    await ledger.applyPointsChange(table, customer, { type: 'earn', points: 40, reason: 'order', orderId: '9' });
    await ledger.applyPointsChange(table, customer, { type: 'adjust', points: -15, reason: 'cli test' });
    const env = { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: tableName, BC_STORE_HASH: TEST_STORE };
    const check = () => run('stats', ['check', '--store', TEST_STORE], env);
    expect(await check()).toMatchObject({ code: 0, stdout: expect.stringContaining('"pointsOutstanding":25') });
    // a figure that drifted (e.g. changes made before the figures existed)
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [ledger.statsUpdate(table.name, TEST_STORE, 'TOTAL', { pointsOutstanding: 3 })],
      }),
    );
    const drifted = await check();
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('pointsOutstanding: figures say 28, the ledger 25');
    expect((await run('stats', ['rebuild', '--store', TEST_STORE], env)).code).toBe(0);
    expect((await check()).code).toBe(0);
  }, 60_000);

  it('stores purge deletes a store uninstalled 90 days before --now (after a --dry-run that deletes nothing)', async () => {
    const tableName = await useTestTable();
    const { applyPointsChange, getAccount } = await import('@bc-loyalty/shared/ledger');
    const { recordInstall, recordUninstall } = await import('@bc-loyalty/shared/stores');
    const table = testTable(tableName);
    const customer = { storeHash: 'gone', customerId: 3 };
    await recordInstall(table, { storeHash: 'gone', scopes: '', encryptedAccessToken: 'sealed' });
    await applyPointsChange(table, customer, { type: 'adjust', points: 5, reason: 'cli test' });
    await recordUninstall(
      table,
      'gone',
      { at: '2026-01-01T00:00:00.000Z', failed: [] },
      new Date('2026-01-01T00:00:00Z'),
    );
    const env = { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!, TABLE_NAME: tableName };
    const purge = (...args: string[]) => run('stores', ['purge', ...args], env);
    expect((await purge('--now', 'yesterday')).stderr).toMatch(/^stores: --now must be an ISO time/);
    expect((await purge('--now', '2026-03-31T00:00:00Z')).stdout).toContain('no store uninstalled 90 days or more');
    const dry = await purge('--dry-run', '--now', '2026-04-01T00:00:00Z');
    expect(dry.stdout).toMatch(/^gone \(uninstalled 2026-01-01T00:00:00.000Z\): \d+ items to delete/m);
    expect((await getAccount(table, customer)).balance).toBe(5);
    const done = await purge('--now', '2026-04-01T00:00:00Z');
    expect(done).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^gone \(uninstalled .*\): \d+ items deleted/m),
    });
    expect((await getAccount(table, customer)).balance).toBe(0);
  }, 60_000);
});
