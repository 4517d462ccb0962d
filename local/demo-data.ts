// Welcome points for the demo customers, so the demo store has something to show. Idempotent per
// customer (the same key every start), through the ledger like any other change.
import type { LocalStack } from './stack';
import { DEMO_CUSTOMERS } from './sandbox/storefront';

const WELCOME_POINTS = [500, 250, 0];

export async function seedDemoAccounts(stack: LocalStack): Promise<void> {
  Object.assign(process.env, {
    TABLE_NAME: stack.settings.tableName, DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    AWS_REGION: stack.settings.region, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
  });
  const { applyPointsChange } = await import('@bc-loyalty/shared/ledger');
  const storeHash = stack.settings.storeHash.split(',')[0]!.trim();
  await Promise.all(DEMO_CUSTOMERS.map(async (customer, i) => {
    const points = WELCOME_POINTS[i] ?? 0;
    if (points > 0) {
      await applyPointsChange({ storeHash, customerId: customer.id }, { type: 'adjust', points, reason: 'Welcome bonus' }, {
        idempotency: { key: 'demo-welcome', requestHash: `welcome-${points}`, response: () => ({}), ttlSeconds: 10 * 365 * 86_400 },
      });
    }
  }));
}
