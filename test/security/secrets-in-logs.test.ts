// Every log line of a full run — API, authorizer, redeem, webhooks, order processing, mirror,
// sandbox, the merchant's admin — must be free of tokens and admin sessions, the client secret, access
// tokens, the webhook secret and emails.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { callAdmin, merchantOf } from '../support/admin';
import { callApi, ledgerOf, rewardsOf, startTestStack, TEST_STORE, tokenFor, stackTable } from '../support/environment';

let stack: LocalStack & { logFile?: string };
const issued: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function call(path: string, token: string, init: RequestInit = {}) {
  const response = await callApi(stack, token, path, init);
  await response.arrayBuffer();
  return response.status;
}

describe('logs', () => {
  it('never contain a token, a secret or an email across a full run', async () => {
    const ledger = await ledgerOf(stack);
    const table = stackTable(stack);
    const { offer } = await rewardsOf(stack);
    for (const cost of [10, 11]) await offer(cost);
    for (const customerId of [31, 32, 33]) {
      const token = await tokenFor(customerId, { email: `shopper${customerId}@example.com` });
      issued.push(token);
      await ledger.applyPointsChange(
        table,
        { storeHash: TEST_STORE, customerId },
        { type: 'adjust', points: 100, reason: 'setup' },
      );
      await call('/points', token);
      await call('/points/history?limit=oops', token);
      await call('/points/redeem', token, {
        method: 'POST',
        headers: { 'Idempotency-Key': `k${customerId}` },
        body: JSON.stringify({ rewardId: 'cost-10' }),
      });
      await call('/points/redeem', token, {
        method: 'POST',
        headers: { 'Idempotency-Key': `k${customerId}` },
        body: JSON.stringify({ rewardId: 'cost-11' }),
      });
      await call('/points/redeem', token, {
        method: 'POST',
        headers: { 'Idempotency-Key': `x${customerId}` },
        body: '{"rewardId":',
      });
      await call('/rewards', token);
      await call('/points/redemptions', token);
    }
    // the merchant's admin: a search by e-mail, an adjustment, a miss, and a forged session
    const merchant = await merchantOf(stack, table, TEST_STORE);
    issued.push(merchant.token);
    await merchant.call('/admin/customers?q=ada@example.com');
    await merchant.call('/admin/customers/1/adjustments', {
      method: 'POST',
      headers: { 'Idempotency-Key': 'admin-log-check' },
      body: JSON.stringify({ points: 5, reason: 'log check' }),
    });
    await merchant.call('/admin/customers/999999');
    const forgedSession = `${merchant.token.slice(0, -4)}AAAA`;
    issued.push(forgedSession);
    await callAdmin(stack, forgedSession, '/admin/overview');
    const forged = `${issued[0]!.slice(0, -4)}AAAA`;
    issued.push(forged);
    await call('/points', forged);
    await fetch(`${stack.apiUrl}/webhooks/bigcommerce`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Webhook-Secret': 'wrong-secret-guess' },
      body: '{}',
    });
    const order = await stack.sandbox!.createOrder(TEST_STORE, 31, '25.00');
    await stack.sandbox!.changeOrderStatus(TEST_STORE, order.id, 10);
    stack.sandbox!.faults.inject({ kind: 'server-error', status: 500 }, 2);
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId: 32 },
      { type: 'adjust', points: 1, reason: 'mirror me' },
    );
    await new Promise((r) => setTimeout(r, 4_000)); // let the mirror and the order processing run and log

    const log = readFileSync(stack.logFile!, 'utf8');
    expect(log.length).toBeGreaterThan(1_000);
    const forbidden = [
      ...issued,
      stack.settings.clientSecret,
      stack.settings.accessToken,
      stack.settings.webhookSecret,
      'wrong-secret-guess',
      'shopper31@example.com',
      'shopper32@example.com',
      'shopper33@example.com',
      'ada@example.com',
      'owner@example.com',
    ];
    for (const secret of forbidden) expect(log.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/); // nothing JWT-shaped at all
    expect(log).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/); // no email address at all
  }, 90_000);
});
