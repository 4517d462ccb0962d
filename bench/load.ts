// Load through the local stack with autocannon: GET /points and POST /points/redeem (a 1-point reward,
// unique keys, funded accounts; each redemption creates its coupon code in the sandbox) at 10 and 50
// connections. Shoppers take turns, 500 of them, so one shopper's
// requests are hundreds apart and never race each other (a real shopper does not redeem in parallel
// with themselves; that case has its own drill in test/security).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { signCurrentCustomerToken } from '../local/current-customer-token';
import type { LocalStack } from '../local/stack';

interface LoadResult {
  route: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function benchLoad(stack: LocalStack, seconds = 8): Promise<LoadResult[]> {
  const { applyPointsChange, pointsTable } = await import('@bc-loyalty/shared/ledger');
  const table = pointsTable();
  const { addReward, getReward } = await import('@bc-loyalty/shared/rewards');
  const { bigCommerceClient } = await import('@bc-loyalty/shared/bigcommerce');
  const storeHash = stack.settings.storeHash.split(',')[0]!;
  if (!(await getReward(table, storeHash, 'load-one-point'))) {
    await addReward(
      table,
      storeHash,
      { id: 'load-one-point', name: '1 cent off', pointsCost: 1, discount: { type: 'fixed_amount', amount: '0.01' } },
      bigCommerceClient({
        apiUrl: stack.sandbox!.url,
        storeHash,
        accessToken: stack.settings.accessToken,
        priority: 'admin',
      }),
    );
  }
  const shoppers: string[] = [];
  for (let first = 800; first < 1_300; first += 25) {
    // 25 at a time: DynamoDB Local is one JVM
    shoppers.push(
      ...(await Promise.all(
        Array.from({ length: 25 }, async (_, i) => {
          const customerId = first + i;
          await applyPointsChange(
            table,
            { storeHash, customerId },
            { type: 'adjust', points: 1_000_000, reason: 'load funding' },
          );
          return signCurrentCustomerToken({
            clientId: stack.settings.clientId,
            clientSecret: stack.settings.clientSecret,
            storeHash,
            customerId,
            ttlSeconds: 900,
          });
        }),
      )),
    );
  }
  let n = 0;
  const results: LoadResult[] = [];
  for (const [route, method] of [
    ['/points', 'GET'],
    ['/points/redeem', 'POST'],
  ] as const) {
    // Warm-up, not counted: the functions' execution environments start on demand (cold starts).
    for (const connections of [0, 10, 50]) {
      const result = await autocannon({
        url: `${stack.apiUrl}${route}`,
        connections: connections || 50,
        duration: connections ? seconds : 2,
        method,
        requests: [
          {
            method,
            setupRequest: (req) => ({
              ...req,
              headers: {
                Authorization: `Bearer ${shoppers[n++ % shoppers.length]}`,
                ...(method === 'POST' ? { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } : {}),
              },
              ...(method === 'POST' ? { body: '{"rewardId":"load-one-point"}' } : {}),
            }),
          },
        ],
      });
      if (connections === 0) continue;
      results.push({
        route: `${method} ${route}`,
        connections,
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
  }
  return results;
}
