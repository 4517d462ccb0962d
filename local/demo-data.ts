// Demo data, so the demo store has something to show: welcome points for the demo customers and two
// rewards. Idempotent: the same key every start for the points; existing rewards are only re-synced
// with their promotion (re-created if the sandbox no longer has it).
import type { LocalStack } from './stack';
import { appEnvironment } from './settings';
import { DEMO_CUSTOMERS } from './sandbox/storefront';

const WELCOME_POINTS = [500, 250, 0];
const DEMO_REWARDS = [
  {
    id: 'five-dollars-off',
    name: '$5 off your order',
    pointsCost: 500,
    discount: { type: 'fixed_amount', amount: '5.00' },
  },
  { id: 'free-shipping', name: 'Free shipping', pointsCost: 300, discount: { type: 'free_shipping' } },
] as const;

export async function seedDemoAccounts(stack: LocalStack): Promise<void> {
  Object.assign(process.env, {
    ...appEnvironment(stack.settings),
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    ...(stack.sandbox ? { BC_API_URL: stack.sandbox.url } : {}),
    AWS_REGION: stack.settings.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  const { applyPointsChange, openPointsTable } = await import('@bc-loyalty/shared/ledger');
  const { DynamoDBClient } = await import('@bc-loyalty/shared/aws');
  const table = openPointsTable(stack.settings.tableName, new DynamoDBClient({ endpoint: stack.dynamodbEndpoint }));
  const storeHash = stack.settings.storeHash.split(',')[0]!.trim();
  await Promise.all(
    DEMO_CUSTOMERS.map(async (customer, i) => {
      const points = WELCOME_POINTS[i] ?? 0;
      if (points > 0) {
        await applyPointsChange(
          table,
          { storeHash, customerId: customer.id },
          { type: 'adjust', points, reason: 'Welcome bonus' },
          {
            idempotency: {
              key: 'demo-welcome',
              requestHash: `welcome-${points}`,
              response: () => ({}),
              ttlSeconds: 10 * 365 * 86_400,
            },
          },
        );
      }
    }),
  );
  if (!stack.sandbox) return;
  const rewards = await import('@bc-loyalty/shared/rewards');
  for (const reward of DEMO_REWARDS) {
    if (await rewards.getReward(table, storeHash, reward.id))
      await rewards.updateReward(table, storeHash, reward.id, {});
    else await rewards.addReward(table, storeHash, reward);
  }
}
