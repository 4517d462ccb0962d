// Calls per request, counted where they happen: DynamoDB commands and the capacity they consume by
// SDK middleware on the ledger's client, BigCommerce requests by the sandbox. Runs the real handlers
// in-process against DynamoDB Local and the sandbox. The cost sheet (bench/costs.ts) is built on these.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { BigCommerceSandbox } from '../local/sandbox/server';

export interface CallCount {
  action: string;
  dynamodb: string;
  bigcommerce: string;
  /** Read and write request units, as DynamoDB bills them on demand (see readUnits). */
  readUnits: number;
  writeUnits: number;
}

type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

const kb = (item: unknown) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(item ?? {})) / 1024));

/**
 * Write units by AWS's rules, from the request: 1 per KB of item (rounded up), twice that inside a
 * transaction. DynamoDB Local under-reports transactions, so the larger figure is kept.
 */
function writeUnitsOf(name: string, input: Record<string, unknown>): number {
  type Write = {
    Put?: { Item: unknown };
    Update?: { Key: unknown; ExpressionAttributeValues?: unknown };
    Delete?: { Key: unknown };
  };
  const sizeOf = (w: Write) =>
    kb(w.Put?.Item ?? (w.Update ? [w.Update.Key, w.Update.ExpressionAttributeValues] : w.Delete?.Key));
  if (name === 'TransactWriteItems') return (input.TransactItems as Write[]).reduce((n, w) => n + 2 * sizeOf(w), 0);
  if (name === 'PutItem') return kb(input.Item);
  if (name === 'UpdateItem') return kb([input.Key, input.ExpressionAttributeValues]);
  return 0;
}

/** A point read bills per key even when the key is missing: 1 unit strongly consistent, 0.5 otherwise. */
function pointReadUnits(name: string, input: Record<string, unknown>): number {
  const perKey = (consistent: unknown) => (consistent ? 1 : 0.5);
  if (name === 'GetItem') return perKey(input.ConsistentRead);
  if (name === 'BatchGetItem') {
    return Object.values(input.RequestItems as Record<string, { Keys: unknown[]; ConsistentRead?: boolean }>).reduce(
      (n, r) => n + r.Keys.length * perKey(r.ConsistentRead),
      0,
    );
  }
  return 0;
}

export async function benchCallCounts(sandbox: BigCommerceSandbox, storeHash: string): Promise<CallCount[]> {
  const { pointsTable, applyPointsChange } = await import('@bc-loyalty/shared/ledger');
  const table = pointsTable(); // the handlers' own handle: the counting middleware sees their calls too
  const commands: string[] = [];
  let readUnits = 0;
  let writeUnits = 0;
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      commands.push(name);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      if (READS.has(name)) readUnits += Math.max(units, pointReadUnits(name, input));
      else writeUnits += Math.max(units, writeUnitsOf(name, input));
      return result;
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
  const count = async (run: () => Promise<unknown>) => {
    commands.length = 0;
    readUnits = 0;
    writeUnits = 0;
    const before = sandbox.calls.length;
    await run();
    const bc = sandbox.calls.slice(before).map((c) => c.operation);
    const tally = (list: string[]) =>
      [...list.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>())]
        .map(([c, n]) => `${n} ${c}`)
        .join(' + ') || '0';
    return { dynamodb: tally(commands), bigcommerce: tally(bc), readUnits, writeUnits };
  };
  const context = { awsRequestId: 'bench' } as Context;
  const event = (extra: Partial<APIGatewayProxyEvent>) =>
    ({
      headers: {},
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { authorizer: { principalId: `${storeHash}:501`, storeHash, customerId: '501' } },
      ...extra,
    }) as unknown as APIGatewayProxyEvent;
  await applyPointsChange(table, { storeHash, customerId: 501 }, { type: 'adjust', points: 1_000, reason: 'bench' });
  for (let i = 0; i < 19; i++)
    await applyPointsChange(table, { storeHash, customerId: 501 }, { type: 'adjust', points: 1, reason: `bench ${i}` });
  const balance = (await import('../functions/balance/index')).handler;
  const history = (await import('../functions/history/index')).handler;
  const redeem = (await import('../functions/redeem/index')).handler;
  const rewardsRoute = (await import('../functions/rewards/index')).handler;
  const redemptionsRoute = (await import('../functions/redemptions/index')).handler;
  const { addReward, completeIssuance } = await import('@bc-loyalty/shared/rewards');
  await addReward(table, storeHash, {
    id: 'bench-five-off',
    name: '$5 off',
    pointsCost: 100,
    discount: { type: 'fixed_amount', amount: '5.00' },
  });
  const redeemBody = (key: string) => ({
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: '{"rewardId":"bench-five-off"}',
  });
  const redeemed = async (key: string) =>
    JSON.parse((await redeem(event(redeemBody(key)), context)).body) as {
      redemption: { id: string; coupon: { code: string } };
    };
  const webhook = (await import('../functions/order-webhook/index')).handler;
  const { processOrderBatch } = await import('@bc-loyalty/shared/orders');
  type OrderEvent = Parameters<typeof processOrderBatch>[1][number]['event'];
  const processBatch = (...events: OrderEvent[]) =>
    processOrderBatch(
      table,
      events.map((event, i) => ({ id: String(i), event })),
    );
  const { mirrorBalances } = await import('@bc-loyalty/shared/mirror');
  const order = await sandbox.createOrder(storeHash, 501, '42.00');
  await sandbox.changeOrderStatus(storeHash, order.id, 10);
  const spent = (await redeemed('bench-order')).redemption.coupon.code;
  const placed = await sandbox.createOrder(storeHash, 501, '42.00', {}, { coupons: [spent] });
  const withCoupon = [
    { storeHash, orderId: placed.id, scope: 'store/order/created' },
    { storeHash, orderId: placed.id, scope: 'store/order/statusUpdated', statusId: 10 },
  ];
  // A redemption BigCommerce did not take in the request (one 503): the stream's issuer completes it.
  sandbox.faults.inject({ kind: 'server-error', status: 503 });
  const pending = (await redeemed('bench-pending')).redemption.id;
  await new Promise((r) => setTimeout(r, 3_100)); // the issuer leaves the request its time first
  const customers = Array.from({ length: 30 }, (_, i) => 600 + i);
  for (const customerId of customers)
    await applyPointsChange(table, { storeHash, customerId }, { type: 'adjust', points: 5, reason: 'bench' });
  await mirrorBalances(table, [{ storeHash, customerId: 599, recordId: 'warm' }]); // attribute lookup, once per container
  const callback = {
    scope: 'store/order/statusUpdated',
    store_id: '1',
    producer: `stores/${storeHash}`,
    hash: 'benchcallback1',
    created_at: 1_700_000_000,
    data: { type: 'order', id: order.id, status: { previous_status_id: 11, new_status_id: 10 } },
  };
  const orderEvent = { storeHash, orderId: order.id, scope: 'store/order/statusUpdated', statusId: 10 };

  return [
    { action: 'GET /points', ...(await count(() => balance(event({ httpMethod: 'GET' }), context))) },
    {
      action: 'GET /points/history (20 entries)',
      ...(await count(() => history(event({ httpMethod: 'GET' }), context))),
    },
    { action: 'GET /rewards', ...(await count(() => rewardsRoute(event({ httpMethod: 'GET' }), context))) },
    {
      action: 'POST /points/redeem (code issued in the request)',
      ...(await count(() => redeem(event(redeemBody('bench-1')), context))),
    },
    { action: 'POST /points/redeem replayed', ...(await count(() => redeem(event(redeemBody('bench-1')), context))) },
    {
      action: 'coupon issuer: a pending code',
      ...(await count(() => completeIssuance(table, { storeHash, customerId: 501, redemptionId: pending }))),
    },
    {
      action: 'GET /points/redemptions',
      ...(await count(() => redemptionsRoute(event({ httpMethod: 'GET' }), context))),
    },
    {
      action: 'order webhook received',
      ...(await count(() =>
        webhook(
          event({
            httpMethod: 'POST',
            headers: { 'content-type': 'application/json', 'x-webhook-secret': process.env.BC_WEBHOOK_SECRET ?? '' },
            body: JSON.stringify(callback),
          }),
          context,
        ),
      )),
    },
    { action: 'earn (a batch of one order event)', ...(await count(() => processBatch(orderEvent))) },
    { action: 'order event with nothing to do', ...(await count(() => processBatch(orderEvent))) },
    {
      action: 'earn: an order that used a reward code (its created and completed events)',
      ...(await count(() => processBatch(...withCoupon))),
    },
    {
      action: 'mirror one changed customer',
      ...(await count(() => mirrorBalances(table, [{ storeHash, customerId: 600, recordId: '600' }]))),
    },
    {
      action: 'mirror a batch of 30 customers',
      ...(await count(() =>
        mirrorBalances(
          table,
          customers.map((customerId) => ({ storeHash, customerId, recordId: String(customerId) })),
        ),
      )),
    },
  ];
}
