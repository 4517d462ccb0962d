// The Management API dispatcher: a request is matched to its documented operation, checked against
// BigCommerce's spec, answered by the operation's handler, and the answer is checked against the spec
// too (a mismatch is a sandbox bug: thrown, and answered with a loud 500).
// To serve another part of BigCommerce's API: add its spec to SPEC_FILES and its module to HANDLERS.
import { INVALID_JSON, jsonOf } from '../http-body';
import { type ApiResult, type Handler, problem, unprocessable } from './api-result';
import { customerHandlers } from './customers-api';
import { orderHandlers } from './orders-api';
import { promotionHandlers } from './promotions-api';
import { scriptHandlers } from './scripts-api';
import type { SpecValidator, ValidationProblem } from './spec-validator';
import type { StoreState } from './store-state';
import { webhookHandlers } from './webhooks-api';

/** BigCommerce's spec files the sandbox checks traffic against (local/vendor/bigcommerce-specs), Storefront API included. */
export const SPEC_FILES = [
  'customers.v3.yml',
  'current_customer.yml',
  'orders.v2.oas2.yml',
  'webhooks.v3.yml',
  'carts.sf.yml',
  'checkouts.sf.yml',
  'promotions.v3.yml',
  'scripts.v3.yml',
];

/** The Management API operations the sandbox serves, by operationId. */
const HANDLERS: Record<string, Handler> = {
  ...customerHandlers,
  ...orderHandlers,
  ...webhookHandlers,
  ...promotionHandlers,
  ...scriptHandlers,
};

/**
 * Where BigCommerce's published specs refuse what BigCommerce does. webhooks_Resp says data has
 * minItems 1, but a store without hooks answers an empty list. promotions.v3.yml has `oneOf`s
 * between schemas nothing tells apart (CartCondition/AndCondition, neither with required
 * properties; PatchCouponPromotion/PatchAutomaticPromotion), so any rule with a condition, and any
 * promotion update, fails them; the enclosing promotion's oneOf then fails only because of that.
 */
const ONE_OF = 'must match exactly one schema in oneOf';
const PROMOTION_OPERATIONS = ['createPromotion', 'getPromotion', 'getPromotions', 'updatePromotion'];
const KNOWN_SPEC_GAPS = [
  { operations: ['getWebhooks'], where: /^\/data$/, message: 'must NOT have fewer than 1 items' },
  // scripts.v3.yml gives deleteScript's 204 a JSON body; a 204 has none (HTTP), and BigCommerce sends none.
  { operations: ['deleteScript'], where: /^\/$/, message: 'must be object' },
  { operations: ['updatePromotion'], where: /^\/requestBody$/, message: ONE_OF },
  { operations: PROMOTION_OPERATIONS, where: /^\/(requestBody|data(\/\d+)?)\/rules\/\d+\/condition$/, message: ONE_OF },
];
const ENCLOSING_PROMOTION = /^\/(requestBody|data(\/\d+)?)$/;

function withoutSpecGaps(operation: string, problems: ValidationProblem[]): ValidationProblem[] {
  const isGap = (p: ValidationProblem) =>
    KNOWN_SPEC_GAPS.some((g) => g.operations.includes(operation) && g.where.test(p.where) && g.message === p.message);
  const rest = problems.filter((p) => !isGap(p));
  const onlyEnclosing =
    rest.length < problems.length && rest.every((p) => ENCLOSING_PROMOTION.test(p.where) && p.message === ONE_OF);
  return onlyEnclosing && PROMOTION_OPERATIONS.includes(operation) ? [] : rest;
}

/** One Management API request the sandbox answered, for tests and GET /__sandbox/calls. */
export interface SandboxCall {
  storeHash: string;
  operation: string;
  method: string;
  status: number;
  items: number;
  at: number;
}

interface ManagementRequest {
  method: string;
  /** The path after /stores/{hash}/v2 or /v3, as the specs write it. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  raw: Buffer;
}

/** The answer, and the call when the request reached a documented operation the sandbox serves. */
export function answerManagement(
  validator: SpecValidator,
  state: StoreState,
  storeHash: string,
  { raw, ...request }: ManagementRequest,
): { result: ApiResult; call?: SandboxCall } {
  const body = jsonOf(raw);
  if (body === INVALID_JSON) return { result: problem(400, 'The request body is not valid JSON.') };
  const withBody = { ...request, body };
  const matched = validator.match(withBody);
  const operation = matched?.operation.operationId ?? '';
  const handler = HANDLERS[operation];
  if (!matched || !handler)
    return { result: problem(404, `The sandbox does not serve ${request.method} ${request.path}`) };

  const problems = withoutSpecGaps(operation, validator.validateRequest(matched.api, matched.operation, withBody));
  const params = () => matched.api.router.parseRequest(withBody, matched.operation).params as Record<string, string>;
  const result = problems.length
    ? unprocessable('JSON data is missing or invalid', Object.fromEntries(problems.map((p) => [p.where, p.message])))
    : handler(state, request.query, body, params(), storeHash);
  if (result.status < 300) {
    // A 204 has no body, which the validator reads as null.
    const answered = validator.validateResponse(matched.api, matched.operation, result.status, result.body ?? null);
    const responseProblems = withoutSpecGaps(operation, answered);
    if (responseProblems.length)
      throw new Error(`sandbox response to ${operation} violates the spec: ${JSON.stringify(responseProblems)}`);
  }
  const items = Array.isArray(body) ? body.length : 0;
  return {
    result,
    call: { storeHash, operation, method: request.method, status: result.status, items, at: Date.now() },
  };
}
