// npm run orders:redrive on the local stack: the order events the webhook stored, never processed
// (the order-events consumer is stopped, as if the stream had given up on them), are re-driven
// through the stream consumer's batch processing from the table; running it again changes nothing.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../local/stack';
import { cliEnvironment, ledgerOf, OTHER_STORE, startTestStack, TEST_STORE, stackTable } from './support/environment';

const COMPLETED = 10;
let stack: LocalStack;
let table: PointsTable;
let ledger: typeof import('@bc-loyalty/shared/ledger');

beforeAll(async () => {
  stack = await startTestStack();
  table = stackTable(stack);
  ledger = await ledgerOf(stack);
  await stack.eventSources.OrderEventsFunction!.stop();
});
afterAll(async () => {
  await stack?.stop();
});

async function redrive(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...cliEnvironment(stack), BC_STORE_HASH: `${TEST_STORE},${OTHER_STORE}` };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'local/cli/orders-redrive.ts', ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('orders:redrive', () => {
  it('awards the stored events of the store once, however often it runs, and leaves other stores alone', async () => {
    const customer = { storeHash: TEST_STORE, customerId: 8100 };
    const order = await stack.sandbox!.createOrder(TEST_STORE, customer.customerId, '25.00');
    await stack.sandbox!.changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    const other = await stack.sandbox!.createOrder(OTHER_STORE, 8101, '40.00');
    await stack.sandbox!.changeOrderStatus(OTHER_STORE, other.id, COMPLETED);
    expect((await ledger.getAccount(table, customer)).balance).toBe(0); // stored, not processed

    const first = await redrive('--store', TEST_STORE);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /re-drove 2 stored event\(s\) of teststore: 25 points earned, 0 reversed, 0 ignored, 0 failed/,
    );
    expect((await ledger.getAccount(table, customer)).balance).toBe(25);
    expect((await ledger.getAccount(table, { storeHash: OTHER_STORE, customerId: 8101 })).balance).toBe(0);

    const again = await redrive('--store', TEST_STORE);
    expect(again.stdout).toMatch(/re-drove 2 stored event\(s\) of teststore: 0 points earned/);
    expect((await ledger.listHistory(table, customer, 10)).items).toHaveLength(1);
  }, 120_000);

  it('takes only the events received since --since', async () => {
    const later = await redrive('--store', TEST_STORE, '--since', new Date(Date.now() + 60_000).toISOString());
    expect(later.stdout).toMatch(/re-drove 0 stored event\(s\) of teststore since /);
  }, 60_000);

  it('prints usage on --help and a one-line error on bad input', async () => {
    expect(await redrive('--help')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^usage: npm run orders:redrive/),
    });
    for (const args of [['--bogus'], ['--store', 'Not A Hash'], ['--store', TEST_STORE, '--since', 'yesterday']]) {
      const result = await redrive(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0], args.join(' ')).toMatch(/^orders:redrive: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
