// The middy chain every HTTP function shares: header normalisation, Powertools logging context,
// CORS for ALLOWED_ORIGINS (on errors too), and one error mapping. A handler only declares what it
// reads and maps domain results to a response.
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { settings } from '../config';
import { loggerContext } from '../logger';
import { errorResponses } from './error-responses';

export type HttpFunction = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export const CORS_ALLOWED_HEADERS = 'Authorization,Content-Type,Idempotency-Key';
export const CORS_EXPOSED_HEADERS = 'Idempotent-Replayed,Retry-After';

/** CORS for actual responses: the origin if allowed, and the headers the script may read. */
export function corsOptions() {
  return { origins: settings().allowedOrigins, exposeHeaders: CORS_EXPOSED_HEADERS, vary: 'Origin' };
}

export function httpHandler(handle: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>): HttpFunction {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpHeaderNormalizer())
    .use(loggerContext())
    .use(httpCors(corsOptions()))
    .use(errorResponses())
    .handler(handle) as unknown as HttpFunction;
}
