// mirror:rebuild against the sandbox and DynamoDB Local: an older balance never wins over the live
// mirror's newer one, and a run killed mid-way resumes from its checkpoint without a gap.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { repoRoot } from '../local/paths';
import { setAppEnvironment, testTable, useTestTable } from './support/environment';
import { useSandbox } from './support/sandbox';
import { runScript } from './support/run-script';
import { seedAccounts } from './support/seed-accounts';

const TOKEN = 'rebuild-token';
const ATTRIBUTE = 'Loyalty points';
const STORES = { rebuildrace: TOKEN, rebuildkill: TOKEN, rebuildretry: TOKEN, rebuildleg: TOKEN };
// 20 requests per second, so the killed run is still mid-way when it is killed (160 customers/s).
const sandbox = useSandbox({ stores: STORES, plan: 'enterprise', quota: 20, windowMs: 1_000 });
let table: PointsTable;
let ledger: typeof import('@bc-loyalty/shared/ledger');
let mirror: typeof import('@bc-loyalty/shared/mirror');

beforeAll(async () => {
  table = testTable(await useTestTable());
  setAppEnvironment(
    { stores: Object.keys(STORES).join(','), accessToken: TOKEN, apiUrl: sandbox.url },
    { BC_QUOTA_WINDOW_MS: '1000' },
  );
  ledger = await import('@bc-loyalty/shared/ledger');
  mirror = await import('@bc-loyalty/shared/mirror');
});

const adjust = (storeHash: string, customerId: number, points: number) =>
  ledger.applyPointsChange(table, { storeHash, customerId }, { type: 'adjust', points, reason: 'rebuild test' });
const attributeOf = (storeHash: string, customerId: number) => sandbox.store(storeHash).valueOf(ATTRIBUTE, customerId);

describe('mirror:rebuild', () => {
  it('never leaves an older balance over the newer one the live mirror wrote first', async () => {
    const store = 'rebuildrace';
    await adjust(store, 7, 100);
    await mirror.mirrorBalances(table, [{ storeHash: store, customerId: 7, recordId: 'seed' }]); // attribute known
    expect(attributeOf(store, 7)).toBe('100');
    // The rebuild reads 100 and sends its upsert; BigCommerce holds it 2 s. Meanwhile the balance
    // drops to 80 and the live mirror writes 80. Then the rebuild's 100 lands over it.
    sandbox.faults.inject({ kind: 'slow', delayMs: 2_000 });
    const rebuilding = mirror.rebuildMirror(table, store, { restart: true });
    await new Promise((r) => setTimeout(r, 700));
    await adjust(store, 7, -20);
    await mirror.mirrorBalances(table, [{ storeHash: store, customerId: 7, recordId: 'live' }]);
    expect(attributeOf(store, 7)).toBe('80'); // the live mirror went first
    const progress = await rebuilding;
    expect(progress).toMatchObject({ mirrored: 1, rewritten: 1, failed: 0, done: true });
    expect(attributeOf(store, 7)).toBe('80');
    expect((await ledger.getAccount(table, { storeHash: store, customerId: 7 })).balance).toBe(80);
  });

  it('resumes a run killed mid-way from its checkpoint: every attribute value equals its balance', async () => {
    const store = 'rebuildkill';
    // Accounts written directly: this is about the rebuild, not the ledger's transactions.
    await seedAccounts(
      table,
      store,
      Array.from({ length: 1_500 }, (_, i) => i + 1),
      (id) => id,
    );
    const env = { ...process.env, APP_SECRET_ARN: '', TABLE_NAME: table.name, POWERTOOLS_LOG_LEVEL: 'SILENT' };
    const cli = join(repoRoot, 'local/cli/mirror-rebuild.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--store', store], { cwd: repoRoot, env });
    await expect
      .poll(async () => Number((await ledger.getItem(table, { pk: `STORE#${store}`, sk: 'REBUILD' }))?.mirrored ?? 0), {
        timeout: 20_000,
        interval: 100,
      })
      .toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const checkpoint = await ledger.getItem(table, { pk: `STORE#${store}`, sk: 'REBUILD' });
    expect(checkpoint).toMatchObject({ done: false });
    const resumed = spawn(process.execPath, ['--import', 'tsx', cli, '--store', store], { cwd: repoRoot, env });
    let stdout = '';
    resumed.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const code = await new Promise((r) => resumed.once('close', r));
    expect(code).toBe(0);
    expect(stdout).toMatch(/resumed, /);
    expect(stdout).toMatch(/rebuilt the mirror of rebuildkill: 1500 customers/);
    const missing = Array.from({ length: 1_500 }, (_, i) => i + 1).filter(
      (id) => attributeOf(store, id) !== String(id),
    );
    expect(missing).toEqual([]);
  }, 90_000);

  it("resumes a retried first leg of a restart (the state machine's run id) instead of starting over", async () => {
    const store = 'rebuildretry';
    await seedAccounts(
      table,
      store,
      Array.from({ length: 300 }, (_, i) => i + 1),
      (id) => id,
    );
    // One page per leg (stopAfter already passed), as a leg cut short by its failure would leave it.
    const leg = (runId: string, restart: boolean) =>
      mirror.rebuildMirror(table, store, { restart, runId, pageSize: 100, stopAfter: 0 });
    const first = await leg('execution-1', true);
    expect(first).toMatchObject({ resumed: false, runId: 'execution-1', done: false });
    const retried = await leg('execution-1', true);
    expect(retried).toMatchObject({ resumed: true, runId: 'execution-1' });
    expect(retried.scanned).toBeGreaterThan(first.scanned);
    // Another execution asked to restart does start over.
    const again = await leg('execution-2', true);
    expect(again).toMatchObject({ resumed: false, runId: 'execution-2', scanned: first.scanned });
    const finished = await mirror.rebuildMirror(table, store, { runId: 'execution-2' });
    expect(finished).toMatchObject({ done: true, failed: 0 });
    // A retry of a leg whose run finished answers done without mirroring again.
    expect(await leg('execution-2', true)).toEqual({ ...finished, resumed: true });
    expect(Array.from({ length: 300 }, (_, i) => attributeOf(store, i + 1))).toEqual(
      Array.from({ length: 300 }, (_, i) => String(i + 1)),
    );
  }, 60_000);
  it('runs as an AWS leg: logs the progress line and ETA figures, answers done', async () => {
    const store = 'rebuildleg';
    await seedAccounts(table, store, [1, 2, 3], (id) => id * 10);
    const env = { ...process.env, APP_SECRET_ARN: '', TABLE_NAME: table.name, POWERTOOLS_LOG_LEVEL: 'INFO' };
    const event = { storeHash: store, runId: 'execution-leg', restart: true };
    const { code, stdout, stderr } = await runScript('test/fixtures/rebuild-leg.ts', [JSON.stringify(event)], env);
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toEqual({ answer: { storeHash: store, done: true, mirrored: 3 } });
    expect(lines.find((l) => l.message === 'mirror rebuild leg')).toMatchObject({
      storeHash: store,
      runId: 'execution-leg',
      mirrored: 3,
      done: true,
      share: expect.any(Number),
      rate: expect.any(Number),
      progress: expect.stringMatching(
        /^3 mirrored \([\d.]+% of the table scanned\), \d+ customers\/s, \d+ upsert calls/,
      ),
    });
    expect(attributeOf(store, 3)).toBe('30');
  }, 60_000);
});
