// One Powertools logger per container. Callers log reasons and ids, never tokens, secrets or emails;
// no event is ever logged whole (it carries the Authorization header).
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';

/** The container's logger: JSON lines with the service name and, inside a handler, the request id. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bc-loyalty' });

/** Middy middleware adding the invocation's context to every log line (bundled here, with the logger). */
export const loggerContext = () => injectLambdaContext(logger, { resetKeys: true });

/**
 * For handlers without middy (the authorizer, stream consumers): every log line of the invocation
 * carries its context (request id, function name, cold start); keys appended during it are reset.
 *
 * @example
 * export const handler = withLambdaContext(async (event: DynamoDBStreamEvent, context) => { … });
 */
export function withLambdaContext<E, R>(
  handle: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await handle(event, context);
    } finally {
      logger.resetKeys();
    }
  };
}
