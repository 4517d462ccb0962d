// Calls per request, counted where they happen: DynamoDB commands by SDK middleware on the ledger's
// client, BigCommerce requests by the sandbox. Runs the real handlers in-process against DynamoDB
// Local and the sandbox.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { BigCommerceSandbox } from '../local/sandbox/server';

export interface CallCount { action: string; dynamodb: string; bigcommerce: string }

export async function benchCallCounts(sandbox: BigCommerceSandbox, storeHash: string): Promise<CallCount[]> {
  const { pointsTable, applyPointsChange } = await import('@bc-loyalty/shared/ledger');
  const commands: string[] = [];
  pointsTable().client.middlewareStack.add((next, context) => async (args) => {
    commands.push(String(context.commandName).replace(/Command$/, ''));
    return next(args);
  }, { step: 'initialize', name: 'benchCallCounter' });
  const count = async (run: () => Promise<unknown>) => {
    commands.length = 0;
    const before = sandbox.calls.length;
    await run();
    const bc = sandbox.calls.slice(before).map((c) => c.operation);
    const tally = (list: string[]) => Object.entries(list.reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {})).map(([c, n]) => `${n} ${c}`).join(' + ') || '0';
    return { dynamodb: tally(commands), bigcommerce: tally(bc) };
  };
  const context = { awsRequestId: 'bench' } as Context;
  const event = (extra: Partial<APIGatewayProxyEvent>) => ({
    headers: {}, multiValueHeaders: {}, queryStringParameters: null, multiValueQueryStringParameters: null, body: null, isBase64Encoded: false,
    requestContext: { authorizer: { principalId: `${storeHash}:501`, storeHash, customerId: '501' } }, ...extra,
  }) as unknown as APIGatewayProxyEvent;
  await applyPointsChange({ storeHash, customerId: 501 }, { type: 'adjust', points: 1_000, reason: 'bench' });
  const balance = (await import('../functions/balance/index')).handler;
  const redeem = (await import('../functions/redeem/index')).handler;
  const { processOrderEvent } = await import('@bc-loyalty/shared/orders');
  const { mirrorBalances } = await import('@bc-loyalty/shared/mirror');
  const order = await sandbox.createOrder(storeHash, 501, '42.00');
  await sandbox.changeOrderStatus(storeHash, order.id, 10);
  const customers = Array.from({ length: 30 }, (_, i) => 600 + i);
  for (const customerId of customers) await applyPointsChange({ storeHash, customerId }, { type: 'adjust', points: 5, reason: 'bench' });
  await mirrorBalances([{ storeHash, customerId: 599, recordId: 'warm' }]); // attribute lookup, once per container

  return [
    { action: 'GET /points', ...await count(() => balance(event({ httpMethod: 'GET' }), context)) },
    { action: 'POST /points/redeem', ...await count(() => redeem(event({ httpMethod: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-1' }, body: '{"points":1}' }), context)) },
    { action: 'earn (one order event)', ...await count(() => processOrderEvent({ storeHash, orderId: order.id, scope: 'store/order/statusUpdated', statusId: 10 })) },
    { action: 'mirror a batch of 30 customers', ...await count(() => mirrorBalances(customers.map((customerId) => ({ storeHash, customerId, recordId: String(customerId) })))) },
  ];
}
