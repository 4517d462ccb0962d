// /admin/* — the merchant's admin API (docs/admin-api.md), one function for every admin route:
// admin traffic is light, so one warm container serves them all and a merchant meets one cold
// start, not one per page. Each route: parse → domain (@bc-loyalty/shared/admin) → response. The
// store is always the admin session's (adminIdentityOf), never a path, query or body value.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import {
  addAdminReward,
  adjustPoints,
  changeAdminReward,
  customerDetail,
  earningSettings,
  earningSettingsInput,
  installationHealth,
  listAudit,
  overview,
  saveEarningSettings,
  searchCustomers,
} from '@bc-loyalty/shared/admin';
import { webhookUrlOf } from '@bc-loyalty/shared/app';
import { settings } from '@bc-loyalty/shared/config';
import {
  adminIdentityOf,
  bodyOf,
  created,
  type HttpFunction,
  httpHandler,
  idempotencyKeyOf,
  ok,
  pageQuery,
  pathOf,
  z,
} from '@bc-loyalty/shared/http';
import { listHistory, pointsTable } from '@bc-loyalty/shared/ledger';
import { deadlineOf } from '@bc-loyalty/shared/retry';
import { listRewards } from '@bc-loyalty/shared/rewards';

const table = pointsTable();
// The mirror's dead-letter queue (an SQS URL from the template; a file:// folder in the local stack).
const MIRROR_DLQ_URL = process.env.MIRROR_DEAD_LETTER_QUEUE_URL || undefined;
/** Leave this much of the function's time for answering after the ledger's retries. */
const ANSWER_MARGIN_MS = 1_000;

const customerPath = z.strictObject({
  id: z.pipe(z.string().check(z.regex(/^[1-9]\d{0,14}$/, 'a customer id')), z.transform(Number)),
});
const rewardPath = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a reward id')),
});
const searchQuery = z.strictObject({ q: z.string().check(z.minLength(1), z.maxLength(100)) });
const adjustment = z.strictObject({
  points: z.int().check(
    z.minimum(-1_000_000),
    z.maximum(1_000_000),
    z.refine((n: number) => n !== 0, 'not zero'),
  ),
  reason: z.string().check(z.minLength(1), z.maxLength(200)),
});
// The catalog validates a reward's fields itself (the same rules as `npm run rewards`).
const anyObject = z.looseObject({});

const toggle = (active: boolean) =>
  httpHandler(async (event) => {
    const { id } = pathOf(event, rewardPath);
    const action = active ? 'reward.enable' : 'reward.disable';
    return ok(await changeAdminReward(table, adminIdentityOf(event), id, { active }, action));
  });

const routes: Record<string, HttpFunction> = {
  'GET /admin/overview': httpHandler(async (event) => ok(await overview(table, adminIdentityOf(event).storeHash))),
  'GET /admin/customers': httpHandler(
    async (event, { q }) => ok({ items: await searchCustomers(table, adminIdentityOf(event).storeHash, q) }),
    { query: searchQuery },
  ),
  'GET /admin/customers/{id}': httpHandler(async (event) =>
    ok(await customerDetail(table, adminIdentityOf(event).storeHash, pathOf(event, customerPath).id)),
  ),
  'GET /admin/customers/{id}/history': httpHandler(
    async (event, { limit, cursor }) => {
      const customer = { storeHash: adminIdentityOf(event).storeHash, customerId: pathOf(event, customerPath).id };
      return ok(await listHistory(table, customer, limit, cursor));
    },
    { query: pageQuery },
  ),
  'POST /admin/customers/{id}/adjustments': httpHandler(async (event, _query, context) => {
    const admin = adminIdentityOf(event);
    const key = idempotencyKeyOf(event);
    const { id } = pathOf(event, customerPath);
    const input = bodyOf(event, adjustment);
    const deadline = deadlineOf(context, ANSWER_MARGIN_MS, 4_000);
    const { replayed, response } = await adjustPoints(table, admin, id, input, key, deadline);
    return created(response, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  }),
  'GET /admin/settings/earning': httpHandler(async (event) =>
    ok(await earningSettings(table, adminIdentityOf(event).storeHash, settings().earning)),
  ),
  'PUT /admin/settings/earning': httpHandler(async (event) => {
    const admin = adminIdentityOf(event);
    return ok(await saveEarningSettings(table, admin, bodyOf(event, earningSettingsInput), settings().earning));
  }),
  'GET /admin/rewards': httpHandler(async (event) =>
    ok({ items: await listRewards(table, adminIdentityOf(event).storeHash) }),
  ),
  'POST /admin/rewards': httpHandler(async (event) => {
    const admin = adminIdentityOf(event);
    return created(await addAdminReward(table, admin, bodyOf(event, anyObject)));
  }),
  'PUT /admin/rewards/{id}': httpHandler(async (event) => {
    const admin = adminIdentityOf(event);
    const { id } = pathOf(event, rewardPath);
    return ok(await changeAdminReward(table, admin, id, bodyOf(event, anyObject)));
  }),
  'POST /admin/rewards/{id}/disable': toggle(false),
  'POST /admin/rewards/{id}/enable': toggle(true),
  'GET /admin/health': httpHandler(async (event) =>
    ok(
      await installationHealth(table, adminIdentityOf(event).storeHash, {
        pointsAttribute: settings().pointsAttribute,
        webhookUrl: webhookUrlOf(event),
        mirrorDeadLetterQueue: MIRROR_DLQ_URL,
      }),
    ),
  ),
  'GET /admin/audit': httpHandler(
    async (event, { limit, cursor }) => ok(await listAudit(table, adminIdentityOf(event).storeHash, limit, cursor)),
    { query: pageQuery },
  ),
};

/** The route API Gateway matched (its resource template, not the raw path) picks the handler. */
export const handler = (event: APIGatewayProxyEvent, context: Context) => {
  const route = routes[`${event.httpMethod} ${event.resource}`];
  if (!route) throw new Error(`no admin route for ${event.httpMethod} ${event.resource}`);
  return route(event, context);
};
