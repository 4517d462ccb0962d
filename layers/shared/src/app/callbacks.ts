// What the app's callback routes share: the page handler (errors as an HTML page in the iframe),
// this API's public base URL, and the verified signed payload of load / uninstall / remove_user.
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { settings, z } from '../config';
import { Unauthorized } from '../errors';
import { type HttpFunction, queryOf, toErrorResponse } from '../http';
import { logger, loggerContext } from '../logger';
import { appCredentials } from '../secrets';
import { errorPage } from './pages';
import { type AppPayload, InvalidAppPayload, verifyAppPayload } from './signed-payload';

/** The query of load, uninstall and remove_user (other parameters BigCommerce may add pass). */
export const signedPayloadQuery = z.object({
  signed_payload_jwt: z.string().check(z.minLength(1), z.maxLength(8192)),
});

/**
 * This API's public base URL: APP_BASE_URL when set (a custom domain), else API Gateway's own
 * `https://{domain}/{stage}`. The local API serves at its root and sets no domain name.
 */
export function apiBaseOf(event: APIGatewayProxyEvent): string {
  const configured = settings().appBaseUrl;
  if (configured) return configured;
  const { domainName, stage } = event.requestContext;
  return domainName ? `https://${domainName}/${stage}` : `http://${event.headers.host ?? '127.0.0.1'}`;
}

/** Where this stack takes BigCommerce's order webhooks: what the install registers and health checks. */
export const webhookUrlOf = (event: APIGatewayProxyEvent): string => `${apiBaseOf(event)}/webhooks/bigcommerce`;

/**
 * A route answering pages in the control panel's iframe: the query checked against `query`, and
 * any error (a DomainError's status and message, else a generic 500) as an HTML error page.
 */
export function appPageHandler<Q>(
  query: z.ZodMiniType<Q>,
  handle: (event: APIGatewayProxyEvent, query: Q, context: Context) => Promise<APIGatewayProxyResult>,
): HttpFunction {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(httpHeaderNormalizer())
    .use(loggerContext())
    .use({
      onError: async (request) => {
        const answer = toErrorResponse(request.error);
        const { error } = JSON.parse(answer.body) as { error: { message: string } };
        request.response = errorPage(answer.statusCode, error.message, settings().appFrameAncestors);
      },
    })
    .handler((event, context) => handle(event, queryOf(event, query), context)) as unknown as HttpFunction;
}

/**
 * The payload of a load / uninstall / remove_user callback, verified with the client secret (or
 * the previous one during a rotation).
 *
 * @throws Unauthorized for any invalid payload; the reason is logged, never answered.
 */
export async function verifiedCallback(token: string): Promise<AppPayload> {
  const { clientId, clientSecret, previousClientSecret } = await appCredentials();
  try {
    return await verifyAppPayload(token, {
      clientId,
      secrets: previousClientSecret ? [clientSecret, previousClientSecret] : [clientSecret],
    });
  } catch (error) {
    if (!(error instanceof InvalidAppPayload)) throw error;
    logger.info('signed payload refused', { reason: error.reason });
    throw new Unauthorized();
  }
}
