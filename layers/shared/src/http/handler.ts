// The middy chain every HTTP function shares: header normalisation, Powertools logging context,
// CORS for ALLOWED_ORIGINS (on errors too), and one error mapping. A handler only declares what it
// reads and maps domain results to a response.
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { settings, z } from '../config';
import { loggerContext } from '../logger';
import { errorResponses } from './error-responses';
import { queryOf } from './request';

/** An API Gateway (REST, proxy) Lambda handler. */
export type HttpFunction = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The request headers the storefront script may send. */
export const CORS_ALLOWED_HEADERS = 'Authorization,Content-Type,Idempotency-Key';
const CORS_EXPOSED_HEADERS = 'Idempotent-Replayed,Retry-After';

/** CORS for actual responses: the origin if allowed, and the headers the script may read. */
export function corsOptions() {
  return { origins: settings().allowedOrigins, exposeHeaders: CORS_EXPOSED_HEADERS, vary: 'Origin' };
}

/** What a route accepts besides its body: by default no query parameters at all. */
export interface HttpHandlerOptions<Q> {
  /** The route's query parameters (a strict object: any other parameter is refused with 400). */
  query?: z.ZodMiniType<Q>;
}

const NO_QUERY = z.strictObject({});

/**
 * Wraps a route's handler in the shared chain. One rule for every route: the query string is
 * checked against `options.query` (none by default) before the handler runs, and a parameter the
 * route does not know, or a repeated one, is a 400 `VALIDATION_ERROR` — a client that sends
 * `?customerId=` learns it is not honoured instead of being silently ignored.
 *
 * @example
 * export const handler = httpHandler(async (event, { limit, cursor }) => ok(await listHistory(identityOf(event), limit, cursor)), { query: pageQuery });
 */
export function httpHandler<Q = Record<string, never>>(
  handle: (event: APIGatewayProxyEvent, query: Q, context: Context) => Promise<APIGatewayProxyResult>,
  options: HttpHandlerOptions<Q> = {},
): HttpFunction {
  const query = (options.query ?? NO_QUERY) as z.ZodMiniType<Q>;
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpHeaderNormalizer())
    .use(loggerContext())
    .use(httpCors(corsOptions()))
    .use(errorResponses())
    .handler((event, context) => handle(event, queryOf(event, query), context)) as unknown as HttpFunction;
}
