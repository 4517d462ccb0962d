// The business metrics of docs/operations.md, read back from the functions' logs the way CloudWatch
// reads them: embedded metric format (EMF) lines under the BcLoyalty namespace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tailOfLog, TEST_STORE, tokenFor } from './support/environment';
import { useTestStack } from './support/file-stack';

interface MetricLine {
  fn: string;
  names: string[];
  dimensions: string[][];
  values: Record<string, unknown>;
}

const env = useTestStack();

function metricLines(): MetricLine[] {
  return readFileSync(env.stack.logFile!, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const at = line.indexOf('{"_aws"');
      if (at < 0) return [];
      const emf = JSON.parse(line.slice(at)) as {
        _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      } & Record<string, unknown>;
      const [directive] = emf._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe('BcLoyalty');
      return [
        {
          fn: line.split(' ')[1] ?? '',
          names: directive!.Metrics.map((m) => m.Name),
          dimensions: directive!.Dimensions,
          values: emf,
        },
      ];
    });
}

const sum = (lines: MetricLine[], name: string) =>
  lines.filter((l) => l.names.includes(name)).reduce((s, l) => s + Number(l.values[name]), 0);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`no ${what} metric\n${tailOfLog(env.stack)}`);
}

describe('metrics', () => {
  it('count redemptions, denials by reason, points earned and mirror batches with their lag', async () => {
    for (const cost of [10, 15, 500]) await env.rewards.offer(cost);
    const call = (token: string, init: RequestInit = {}) =>
      fetch(`${env.stack.apiUrl}/points/redeem`, {
        method: 'POST',
        ...init,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      }).then((r) => r.status);
    await env.ledger.applyPointsChange(
      env.table,
      { storeHash: TEST_STORE, customerId: 71 },
      { type: 'adjust', points: 100, reason: 'setup' },
    );
    const token = await tokenFor(71);
    expect(await call(token, { headers: { 'Idempotency-Key': 'm1' }, body: '{"rewardId":"cost-10"}' })).toBe(201);
    expect(await call(token, { headers: { 'Idempotency-Key': 'm1' }, body: '{"rewardId":"cost-10"}' })).toBe(201); // a replay: not a redemption
    expect(await call(token, { headers: { 'Idempotency-Key': 'm2' }, body: '{"rewardId":"cost-15"}' })).toBe(201);
    expect(await call(token, { headers: { 'Idempotency-Key': 'm3' }, body: '{"rewardId":"cost-500"}' })).toBe(409);
    expect(
      await call(`${token.slice(0, -4)}AAAA`, { headers: { 'Idempotency-Key': 'm4' }, body: '{"rewardId":"cost-10"}' }),
    ).toBe(401);
    expect(
      await call(await tokenFor(71, { issuedAt: Math.floor(Date.now() / 1000) - 1_000, ttlSeconds: 900 }), {
        headers: { 'Idempotency-Key': 'm5' },
        body: '{"rewardId":"cost-10"}',
      }),
    ).toBe(401);
    const order = await env.stack.sandbox!.createOrder(TEST_STORE, 71, '42.00');
    await env.stack.sandbox!.changeOrderStatus(TEST_STORE, order.id, 10);

    await until(
      () => sum(metricLines(), 'PointsEarned') > 0 && metricLines().some((l) => l.names.includes('MirrorLag')),
      'PointsEarned/MirrorLag',
    );
    const lines = metricLines();
    expect(sum(lines, 'Redemptions')).toBe(2);
    expect(sum(lines, 'PointsRedeemed')).toBe(25);
    expect(sum(lines, 'PointsEarned')).toBe(42);
    expect(sum(lines, 'PointsReversed')).toBe(0);
    const denials = lines.filter((l) => l.names.includes('AuthorizerDenials'));
    expect(denials.map((l) => l.values.Reason).sort()).toEqual([
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      'ERR_JWT_EXPIRED',
    ]);
    expect(denials.every((l) => l.fn === 'AuthorizerFunction' && l.dimensions.some((d) => d.includes('Reason')))).toBe(
      true,
    );
    const mirror = lines.filter((l) => l.names.includes('MirroredCustomers'));
    expect(sum(mirror, 'MirroredCustomers')).toBeGreaterThanOrEqual(1);
    expect(sum(mirror, 'MirrorFailures')).toBe(0);
    for (const batch of mirror) {
      expect(batch.fn).toBe('MirrorFunction');
      expect(Number(batch.values.MirrorLag)).toBeGreaterThanOrEqual(0);
      expect(Number(batch.values.MirrorLag)).toBeLessThan(10_000); // seconds, not DynamoDB Local's minute rounding
    }
    // Every handler gives the logger its Lambda context: each log line names its invocation.
    const logLines = readFileSync(env.stack.logFile!, 'utf8')
      .split('\n')
      .flatMap((line) => {
        const at = line.indexOf('{"level"');
        return at < 0
          ? []
          : [{ fn: line.split(' ')[1] ?? '', entry: JSON.parse(line.slice(at)) as Record<string, unknown> }];
      });
    const loggingFunctions = new Set(logLines.map((l) => l.fn));
    for (const fn of ['AuthorizerFunction', 'OrderEventsFunction', 'MirrorFunction'])
      expect(loggingFunctions, fn).toContain(fn);
    for (const { fn, entry } of logLines)
      expect(entry.function_request_id, `${fn}: ${entry.message}`).toEqual(expect.any(String));
  }, 60_000);
});
