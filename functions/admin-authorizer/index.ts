// TOKEN authorizer of /admin/*: verifies the control-panel admin session (issued at the app's
// `load`) and that its store is installed and its user not removed, then allows /admin/* only for
// that store and user. A shopper's token, a forged, expired or revoked session: API Gateway's 401.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { allowAdmin, checkAdminSession, InvalidAdminSession } from '@bc-loyalty/shared/admin-session';
import { parseBearerToken } from '@bc-loyalty/shared/identity';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { countAuthorizerDenial } from '@bc-loyalty/shared/metrics';
import { appCredentials } from '@bc-loyalty/shared/secrets';

const table = pointsTable();

export const handler = withLambdaContext(async function authorizeAdmin(
  event: APIGatewayTokenAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  const token = parseBearerToken(event.authorizationToken);
  if (!token) return deny('no bearer token');
  try {
    const admin = await checkAdminSession(table, token, await appCredentials());
    return allowAdmin(admin, event.methodArn);
  } catch (error) {
    if (error instanceof InvalidAdminSession) return deny(error.reason);
    throw error; // configuration, Secrets Manager or table trouble: API Gateway answers 500, not a false 401
  }
});

function deny(reason: string): never {
  logger.info('admin session refused', { reason });
  countAuthorizerDenial(`admin: ${reason}`);
  throw new Error('Unauthorized'); // the exact message API Gateway maps to 401
}
