// Money-like invariants under load through the local API: 200 concurrent mixed redeems and
// adjustments, the API killed mid-load and restarted, retries with the same keys, then the audit.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import {
  ledgerOf,
  putTestReward,
  startTestStack,
  TEST_STORE,
  tokenFor,
  UNREACHABLE_BIGCOMMERCE,
  stackTable,
} from '../support/environment';

let stack: LocalStack;
let table: PointsTable;
let ledger: Awaited<ReturnType<typeof ledgerOf>>;
const ACCOUNTS = [9001, 9002, 9003, 9004];

beforeAll(async () => {
  // No BigCommerce here: every redemption's code stays pending, the ledger is what is under test.
  stack = await startTestStack(
    {},
    { mirror: false, functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'INFO', BC_API_URL: UNREACHABLE_BIGCOMMERCE } },
  );
  ledger = await ledgerOf(stack);
  table = stackTable(stack);
  for (let cost = 1; cost <= 150; cost++) await putTestReward(table, cost);
  for (const customerId of ACCOUNTS)
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId },
      { type: 'adjust', points: 2_000, reason: 'funding' },
    );
});
afterAll(async () => {
  await stack?.stop();
});

interface Redeem {
  customerId: number;
  points: number;
  key: string;
}
const tokens = new Map<number, string>();
async function redeem(apiUrl: string, r: Redeem): Promise<number | string> {
  tokens.set(r.customerId, tokens.get(r.customerId) ?? (await tokenFor(r.customerId)));
  try {
    const response = await fetch(`${apiUrl}/points/redeem`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.get(r.customerId)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': r.key,
      },
      body: JSON.stringify({ rewardId: `cost-${r.points}` }),
    });
    const body = (await response.json()) as { error?: { code: string } };
    return body.error?.code ?? response.status;
  } catch {
    return 'lost'; // the connection died with the API
  }
}

/** A client that retries the same key until it gets an answer that is not "try again". */
async function redeemUntilAnswered(apiUrl: string, r: Redeem): Promise<number | string> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await redeem(apiUrl, r);
    if (
      !(
        outcome === 'lost' ||
        outcome === 'CONCURRENT_UPDATE' ||
        outcome === 'SERVICE_UNAVAILABLE' ||
        (typeof outcome === 'number' && outcome >= 500)
      ) ||
      attempt > 20
    )
      return outcome;
    await new Promise((res) => setTimeout(res, 50 + Math.random() * 200));
  }
}

const plan = (n: number): Redeem[] =>
  Array.from({ length: n }, (_, i) => ({
    customerId: ACCOUNTS[i % ACCOUNTS.length]!,
    points: 1 + ((i * 37) % 150),
    key: randomUUID(),
  }));

async function audit() {
  const report = await ledger.auditLedger(table);
  expect(report.findings).toEqual([]);
  return report;
}

describe('ledger under load', () => {
  it('keeps every invariant through 200 concurrent mixed redeems and adjustments', async () => {
    const redeems = plan(150);
    const adjustments = Array.from({ length: 50 }, (_, i) =>
      ledger
        .applyPointsChange(
          table,
          { storeHash: TEST_STORE, customerId: ACCOUNTS[i % ACCOUNTS.length]! },
          { type: 'adjust', points: i % 2 ? 25 : -10, reason: `load ${i}` },
        )
        .then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
    );
    const statuses = await Promise.all([...redeems.map((r) => redeem(stack.apiUrl, r)), ...adjustments]);
    // every answer is a success or a clean, documented refusal — never a 5xx
    expect(
      statuses.filter((s) => ![201, 'ok', 'INSUFFICIENT_POINTS', 'CONCURRENT_UPDATE'].includes(s as never)),
    ).toEqual([]);
    const report = await audit();
    const redeemEntries = (
      await Promise.all(
        ACCOUNTS.map((customerId) => ledger.listHistory(table, { storeHash: TEST_STORE, customerId }, 100)),
      )
    )
      .flatMap((p) => p.items)
      .filter((e) => e.type === 'redeem').length;
    expect(redeemEntries).toBe(statuses.slice(0, 150).filter((s) => s === 201).length);
    console.log(
      `200 concurrent: ${statuses.filter((s) => s === 201 || s === 'ok').length} applied, ${statuses.filter((s) => s === 'CONCURRENT_UPDATE').length} asked to retry; ${report.accounts} accounts audited`,
    );
    for (const customerId of ACCOUNTS)
      expect((await ledger.getAccount(table, { storeHash: TEST_STORE, customerId })).balance).toBeGreaterThanOrEqual(0);
  });

  it('survives the API being killed mid-load: retries with the same keys debit once, the audit passes', async () => {
    // Enough for every redeem below, whatever the previous test left (more of it applies when
    // the local runtime runs several execution environments at once, as Lambda does).
    for (const customerId of ACCOUNTS)
      await ledger.applyPointsChange(
        table,
        { storeHash: TEST_STORE, customerId },
        { type: 'adjust', points: 2_000, reason: 'top-up' },
      );
    const before = await Promise.all(
      ACCOUNTS.map((customerId) => ledger.getAccount(table, { storeHash: TEST_STORE, customerId })),
    );
    const redeems = plan(200).map((r) => ({ ...r, points: 1 + (r.points % 10) }));
    let answered = 0;
    const inFlight = redeems.map((r) =>
      redeem(stack.apiUrl, r).finally(() => {
        answered++;
      }),
    );
    const started = Date.now();
    while (answered < 40 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
    await stack.stop(); // kill: workers terminated, connections dropped
    const first = await Promise.all(inFlight);
    const lost = redeems.filter((_, i) => first[i] !== 201);
    stack = await startTestStack(
      { tableName: stack.settings.tableName },
      { mirror: false, functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'INFO', BC_API_URL: UNREACHABLE_BIGCOMMERCE } },
    );
    const retried: Array<number | string> = [];
    for (let i = 0; i < redeems.length; i += 20) {
      // every request retried with its key, 20 at a time
      retried.push(...(await Promise.all(redeems.slice(i, i + 20).map((r) => redeemUntilAnswered(stack.apiUrl, r)))));
    }
    expect(retried.filter((s) => s !== 201)).toEqual([]);
    await audit();
    const after = await Promise.all(
      ACCOUNTS.map((customerId) => ledger.getAccount(table, { storeHash: TEST_STORE, customerId })),
    );
    const debited = before.reduce((s, a) => s + a.balance, 0) - after.reduce((s, a) => s + a.balance, 0);
    expect(debited).toBe(redeems.reduce((s, r) => s + r.points, 0)); // each redemption exactly once
    console.log(
      `killed mid-load: ${lost.length} of 200 requests lost their answer; after retries every one debited exactly once`,
    );
  }, 120_000);
});
