// One Powertools logger per container. Callers log reasons and ids, never tokens, secrets or emails;
// no event is ever logged whole (it carries the Authorization header).
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bc-loyalty' });

/** Middy middleware adding the invocation's context to every log line (bundled here, with the logger). */
export const loggerContext = () => injectLambdaContext(logger, { resetKeys: true });
