// CORS preflight answered by a function, not an API Gateway mock, so several storefront origins
// (ALLOWED_ORIGINS) can be allowed: a mock integration can only return one fixed origin.
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CORS_ALLOWED_HEADERS, corsOptions, type HttpFunction } from './handler';

/** The OPTIONS handler of a route allowing `methods` (e.g. 'GET,POST,OPTIONS') from ALLOWED_ORIGINS. */
export function preflightHandler(methods: string): HttpFunction {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(
      httpCors({
        ...corsOptions(),
        headers: CORS_ALLOWED_HEADERS,
        methods,
        maxAge: 7200, // Chromium caps preflight caching at 2 h
        disableBeforePreflightResponse: false,
      }),
    )
    .handler(async () => ({ statusCode: 204, headers: {}, body: '' })) as unknown as HttpFunction;
}
