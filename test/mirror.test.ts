// Mirroring balances into BigCommerce: the local stack's stream event source runs the mirror
// function against DynamoDB Local and the sandbox, with the template's settings.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../local/stack';
import { cliEnvironment, startTestStack, tailOfLog, TEST_STORE, stackTable } from './support/environment';

const ATTRIBUTE = 'Loyalty points';
let stack: LocalStack;
let table: PointsTable;
let ledger: typeof import('@bc-loyalty/shared/ledger');
const deadLetterDir = join(mkdtempSync(join(tmpdir(), 'dead-letters-')), 'mirror-dlq');

beforeAll(async () => {
  stack = await startTestStack();
  table = stackTable(stack);
  Object.assign(process.env, cliEnvironment(stack), {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  ledger = await import('@bc-loyalty/shared/ledger');
});
afterAll(async () => {
  await stack?.stop();
});

const sandboxValue = (customerId: number) => stack.sandbox!.store(TEST_STORE).valueOf(ATTRIBUTE, customerId);

/** Applies `changes` random adjustments over `customers` customers starting at `first`. */
async function changeBalances(first: number, customers: number, changes: number) {
  for (let i = 0; i < changes; i++) {
    const customerId = first + (i % customers);
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId },
      { type: 'adjust', points: 1 + (i % 7), reason: `change ${i}` },
    );
  }
}

async function converged(first: number, customers: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const ids = Array.from({ length: customers }, (_, i) => first + i);
  while (Date.now() - started < timeoutMs) {
    const accounts = await ledger.getAccounts(table, TEST_STORE, ids);
    if (accounts.every((a) => sandboxValue(a.customerId) === String(a.balance))) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  const accounts = await ledger.getAccounts(table, TEST_STORE, ids);
  const off = accounts
    .filter((a) => sandboxValue(a.customerId) !== String(a.balance))
    .map((a) => `${a.customerId}: ${a.balance} vs ${sandboxValue(a.customerId)}`);
  throw new Error(`not converged: ${off.join(', ')}\n--- stack log ---\n${tailOfLog(stack)}`);
}

describe('mirror', () => {
  it('converges 100 balance changes across 30 customers to 30 attribute values, ⌈customers/10⌉ upserts per batch', async () => {
    const source = stack.eventSources.MirrorFunction!;
    const putsBefore = stack.sandbox!.countOf('upsertCustomersAttributeValues');
    const invocationsBefore = source.invocations.length;
    await changeBalances(1000, 30, 100);
    const ms = await converged(1000, 30, 30_000);
    await new Promise((r) => setTimeout(r, 500)); // let the last batch finish
    const values = stack
      .sandbox!.store(TEST_STORE)
      .attributeValues.filter((v) => v.customer_id >= 1000 && v.customer_id < 1030);
    expect(values).toHaveLength(30);
    const puts = stack.sandbox!.countOf('upsertCustomersAttributeValues') - putsBefore;
    const budget = source.invocations.slice(invocationsBefore).reduce((sum, b) => sum + Math.ceil(b.accounts / 10), 0);
    expect(puts).toBeLessThanOrEqual(budget);
    console.log(
      `converged in ${ms} ms; ${puts} upsert calls for ${source.invocations.length - invocationsBefore} batches (budget ${budget})`,
    );
  });

  it('converges under injected 429s (with reset header) and 500s', async () => {
    stack.sandbox!.faults.inject({ kind: 'rate-limit', resetMs: 500 }, 3);
    stack.sandbox!.faults.inject({ kind: 'server-error', status: 500 }, 3);
    stack.sandbox!.faults.inject({ kind: 'drop' }, 1);
    await changeBalances(2000, 30, 100);
    await converged(2000, 30, 60_000);
    expect(stack.sandbox!.faults.pending).toBe(0);
  });

  it('converges after BigCommerce is gone for 60 seconds', async () => {
    await stack.sandbox!.goAway(60_000);
    const started = Date.now();
    await changeBalances(3000, 30, 100);
    const ms = await converged(3000, 30, 150_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55_000);
    console.log(`converged ${ms} ms after the changes (outage 60 s)`);
  }, 180_000);

  it('never writes an older balance over a newer one, even when an old record is replayed', async () => {
    const customer = { storeHash: TEST_STORE, customerId: 4000 };
    await ledger.applyPointsChange(table, customer, { type: 'adjust', points: 10, reason: 'first' });
    await converged(4000, 1, 20_000);
    await ledger.applyPointsChange(table, customer, { type: 'adjust', points: 90, reason: 'second' });
    await converged(4000, 1, 20_000);
    // the record of the first change, delivered again late (e.g. a replay) — the mirror writes the current balance
    const { mirrorBalances } = await import('@bc-loyalty/shared/mirror');
    await mirrorBalances(table, [{ storeHash: TEST_STORE, customerId: 4000, recordId: 'old' }]);
    expect(sandboxValue(4000)).toBe('100');
  });

  it('restores a deleted attribute value with mirror:rebuild', async () => {
    await changeBalances(5000, 5, 5);
    await converged(5000, 5, 20_000);
    const state = stack.sandbox!.store(TEST_STORE);
    state.attributeValues = state.attributeValues.filter((v) => v.customer_id !== 5002);
    expect(sandboxValue(5002)).toBeUndefined();
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'local/cli/mirror-rebuild.ts', '--store', TEST_STORE], {
      env: cliEnvironment(stack),
    });
    expect(stdout).toMatch(/rebuilt the mirror of teststore/);
    expect(sandboxValue(5002)).toBe('3');
  });
});

describe('a deleted points attribute', () => {
  it('is re-created by mirror:rebuild, and the warm live mirror follows it to the new id', async () => {
    await changeBalances(7000, 2, 2);
    await converged(7000, 2, 20_000);
    const state = stack.sandbox!.store(TEST_STORE);
    const oldId = state.attributes.find((a) => a.name === ATTRIBUTE)!.id;
    // The merchant deletes the attribute in the control panel (BigCommerce answers 204).
    const deleted = await fetch(`${stack.sandbox!.url}/stores/${TEST_STORE}/v3/customers/attributes?id:in=${oldId}`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': stack.settings.accessToken, Accept: 'application/json' },
    });
    expect(deleted.status).toBe(204);
    expect(sandboxValue(7000)).toBeUndefined();

    await promisify(execFile)('npx', ['tsx', 'local/cli/mirror-rebuild.ts', '--store', TEST_STORE], {
      env: cliEnvironment(stack),
    });
    expect(state.attributes.find((a) => a.name === ATTRIBUTE)!.id).not.toBe(oldId);
    expect(sandboxValue(7000)).toBe('1');

    // The mirror's environment still holds the old id: BigCommerce refuses it, the mirror looks again.
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId: 7000 },
      { type: 'adjust', points: 41, reason: 'after the attribute was replaced' },
    );
    await converged(7000, 2, 20_000);
    expect(sandboxValue(7000)).toBe('42');
  });
});

describe('mirror dead letters', () => {
  let failing: LocalStack;
  beforeAll(async () => {
    failing = await startTestStack(
      {},
      { eventSource: { maxRetryAttempts: 1, retryDelayMs: () => 100 }, deadLetterDir: dirname(deadLetterDir) },
    );
  });
  afterAll(async () => {
    await failing?.stop();
  });

  it('keeps a batch that fails past the retry budget in the dead-letter folder, and mirror:replay delivers it', async () => {
    failing.sandbox!.faults.inject({ kind: 'server-error', status: 500 }, 1000);
    const env = cliEnvironment(failing);
    await promisify(execFile)(
      'npx',
      [
        'tsx',
        'local/cli/points.ts',
        'adjust',
        '--store',
        TEST_STORE,
        '--customer',
        '6000',
        '--points',
        '42',
        '--reason',
        'dlq',
      ],
      { env },
    );
    const started = Date.now();
    while (failing.eventSources.MirrorFunction!.deadLetters === 0 && Date.now() - started < 90_000)
      await new Promise((r) => setTimeout(r, 250));
    expect(readdirSync(deadLetterDir)).toHaveLength(1);

    failing.sandbox!.faults.clear();
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'local/cli/mirror-replay.ts', '--dir', deadLetterDir], {
      env,
    });
    expect(stdout).toMatch(/replayed 1 customer/);
    expect(readdirSync(deadLetterDir)).toHaveLength(0);
    expect(failing.sandbox!.store(TEST_STORE).valueOf(ATTRIBUTE, 6000)).toBe('42');
  }, 120_000);
});
