// Before the sale: a "$5 off" reward, and shoppers who redeemed it, their codes issued in BigCommerce
// by the coupon-issuer stream consumer (at the quota, as in a store), ready to be used at checkout.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import type { BigCommerceSandbox } from '../local/sandbox/server';

const REWARD = { id: 'bf-five-off', name: '$5 off', pointsCost: 500, discount: { type: 'fixed_amount', amount: '5' } };
const FIRST_HOLDER = 200_000;

/** `count` shoppers with one issued, unused code each (customer id → code). */
export async function seedRewardCodes(
  table: PointsTable,
  sandbox: BigCommerceSandbox,
  storeHash: string,
  count: number,
  log: (line: string) => void,
): Promise<Map<number, string>> {
  const { applyPointsChange } = await import('@bc-loyalty/shared/ledger');
  const { addReward, redeemReward } = await import('@bc-loyalty/shared/rewards');
  const { storeClient } = await import('@bc-loyalty/shared/bigcommerce');
  await addReward(
    table,
    storeHash,
    REWARD as Parameters<typeof addReward>[2],
    (await storeClient(storeHash, { priority: 'admin' }))!,
  );
  const codes = new Map<number, string>();
  for (let first = 0; first < count; first += 25) {
    // 25 at a time: DynamoDB Local is one JVM
    const batch = Array.from({ length: Math.min(25, count - first) }, (_, i) => FIRST_HOLDER + first + i);
    await Promise.all(
      batch.map(async (customerId) => {
        const customer = { storeHash, customerId };
        await applyPointsChange(table, customer, { type: 'adjust', points: 500, reason: 'bench funding' });
        const outcome = await redeemReward(table, customer, REWARD.id, `bf-${customerId}`);
        codes.set(customerId, outcome.redeemed.redemption.coupon.code);
      }),
    );
  }
  const issued = () => {
    const known = new Set(sandbox.store(storeHash).couponCodes.map((c) => c.code));
    return [...codes.values()].filter((code) => known.has(code)).length;
  };
  let logged = -1;
  while (issued() < codes.size) {
    const now = issued();
    if (now !== logged) log(`${now} of ${codes.size} codes issued`);
    logged = now;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return codes;
}
