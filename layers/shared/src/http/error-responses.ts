// The single place where errors become the JSON error shape of DESIGN §5. Unknown errors are
// logged and answered with a generic 500; storage outages with a 503 the client may retry;
// BigCommerce refusing a call for good (401/403/422…) with a 502 that says so.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DomainError, type ErrorCode } from '../errors';
import { logger } from '../logger';
import { errorBody, json } from './response';

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_ERROR: 500,
  BIGCOMMERCE_REFUSED: 502,
  SERVICE_UNAVAILABLE: 503,
  REWARD_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  INSUFFICIENT_POINTS: 409,
  CONCURRENT_UPDATE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
};

const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'AbortError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // BigCommerce down, rate limited or too slow after the client's retries (admin routes call it).
  const bigCommerceDown = error.name === 'BigCommerceError' && (error as { retryable?: unknown }).retryable === true;
  return (
    bigCommerceDown ||
    UNAVAILABLE.has(error.name) ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    (error.cause !== undefined && isUnavailable(error.cause))
  );
}

/** BigCommerce answered a 4xx (the client retries 429/5xx itself): our call or its token was refused. */
function isRefusedByBigCommerce(error: unknown): error is Error {
  return (
    error instanceof Error &&
    error.name === 'BigCommerceError' &&
    (error as { retryable?: unknown }).retryable === false
  );
}

/**
 * The API's answer to any error: a DomainError's status and code, 503 for storage or BigCommerce
 * outages, 502 when BigCommerce refuses, else 500.
 */
export function toErrorResponse(error: unknown): APIGatewayProxyResult {
  if (error instanceof DomainError) return json(STATUS_OF[error.code], errorBody(error.code, error.message));
  if (isRefusedByBigCommerce(error)) {
    // Its message names the operation and BigCommerce's status and reason (never our token).
    logger.warn('BigCommerce refused a call', { error });
    return json(STATUS_OF.BIGCOMMERCE_REFUSED, errorBody('BIGCOMMERCE_REFUSED', error.message));
  }
  if (isUnavailable(error)) {
    logger.warn('storage or BigCommerce unavailable', { error: error as Error });
    return json(
      STATUS_OF.SERVICE_UNAVAILABLE,
      errorBody('SERVICE_UNAVAILABLE', 'The service is briefly unavailable; retry shortly.'),
      {
        'Retry-After': '1',
      },
    );
  }
  logger.error('unhandled error', { error: error as Error });
  return json(STATUS_OF.INTERNAL_ERROR, errorBody('INTERNAL_ERROR', 'Something went wrong on our side.'));
}

/** Middy middleware mapping any error to the API's error response (in httpHandler's chain). */
export function errorResponses(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      request.response = toErrorResponse(request.error);
    },
  };
}
