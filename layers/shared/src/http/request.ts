// Turning an API Gateway v1 proxy event into typed input. Identity comes only from the authorizer
// context that API Gateway set; nothing the client sends can choose the customer.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { $ZodIssue } from 'zod/v4/core';
import type { z } from '../config';
import { DomainError, Unauthorized, ValidationError } from '../errors';
import type { CustomerRef } from '../ledger/model';

const MAX_BODY_BYTES = 16 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

function describe(error: { issues: $ZodIssue[] }): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * `value` checked against `schema`.
 *
 * @throws ValidationError naming each problem, prefixed with `what` ("Invalid body: …").
 */
export function validate<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`Invalid ${what}: ${describe(parsed.error)}`);
  return parsed.data;
}

/**
 * The caller, from the authorizer's context only (never from the path, query or body).
 *
 * @throws Unauthorized when the context carries no customer (a route deployed without the authorizer).
 */
export function identityOf(event: APIGatewayProxyEvent): CustomerRef {
  const context = event.requestContext?.authorizer ?? {};
  const storeHash = context.storeHash;
  const customerId = Number(context.customerId);
  if (typeof storeHash !== 'string' || !storeHash || !Number.isSafeInteger(customerId) || customerId <= 0) {
    // Only reachable if a route is deployed without the authorizer: fail closed.
    throw new Unauthorized();
  }
  return { storeHash, customerId };
}

/** A control-panel user of one store, as the admin authorizer verified them. */
export interface AdminRef {
  storeHash: string;
  userId: number;
}

/**
 * The admin caller, from the admin authorizer's context only (never from the path, query or body):
 * the store every /admin/* route acts on is the session's.
 *
 * @throws Unauthorized when the context carries no admin (a shopper's context has no userId).
 */
export function adminIdentityOf(event: APIGatewayProxyEvent): AdminRef {
  const context = event.requestContext?.authorizer ?? {};
  const storeHash = context.storeHash;
  const userId = Number(context.userId);
  if (typeof storeHash !== 'string' || !storeHash || !Number.isSafeInteger(userId) || userId <= 0) {
    throw new Unauthorized();
  }
  return { storeHash, userId };
}

/**
 * The JSON body, checked against `schema`.
 *
 * @throws DomainError UNSUPPORTED_MEDIA_TYPE (not application/json), PAYLOAD_TOO_LARGE (over 16 KiB);
 *   ValidationError (not UTF-8, not JSON, or not what `schema` accepts).
 */
export function bodyOf<T>(event: APIGatewayProxyEvent, schema: z.ZodMiniType<T>): T {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('The body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('The body is not valid JSON.');
  }
  return validate(schema, value, 'body');
}

/**
 * The query parameters, checked against `schema`.
 *
 * @throws ValidationError (unknown or repeated parameter)
 */
export function queryOf<T>(event: APIGatewayProxyEvent, schema: z.ZodMiniType<T>): T {
  const multi = event.multiValueQueryStringParameters ?? {};
  const repeated = Object.entries(multi).find(([, values]) => (values?.length ?? 0) > 1);
  if (repeated) throw new ValidationError(`Query parameter ${repeated[0]} is repeated.`);
  return validate(schema, event.queryStringParameters ?? {}, 'query');
}

/**
 * The path parameters (`/admin/customers/{id}`), checked against `schema`.
 *
 * @throws ValidationError naming the bad parameter.
 */
export function pathOf<T>(event: APIGatewayProxyEvent, schema: z.ZodMiniType<T>): T {
  return validate(schema, event.pathParameters ?? {}, 'path');
}

/**
 * The Idempotency-Key header: 1–255 of A-Z a-z 0-9 . _ : -
 *
 * @throws DomainError IDEMPOTENCY_KEY_REQUIRED when absent; ValidationError when malformed.
 */
export function idempotencyKeyOf(event: APIGatewayProxyEvent): string {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined || key === '') {
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1–255 of A-Z a-z 0-9 . _ : -).');
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1–255 of A-Z a-z 0-9 . _ : -');
  }
  return key;
}
