// TOKEN authorizer: verifies BigCommerce's current-customer JWT and allows the whole API for that
// customer. Any failure is API Gateway's 401 ("Unauthorized"), whatever the reason. A store is
// served when the app secret names it (single-store mode) or its record says installed (the app:
// one GetItem, only for tokens whose signature and claims already hold).
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import {
  allowCustomer,
  currentVerificationKey,
  InvalidToken,
  parseBearerToken,
  verifyCurrentCustomerToken,
} from '@bc-loyalty/shared/identity';
import { logger, withLambdaContext } from '@bc-loyalty/shared/logger';
import { pointsTable } from '@bc-loyalty/shared/ledger';
import { countAuthorizerDenial } from '@bc-loyalty/shared/metrics';
import { isInstalledStore } from '@bc-loyalty/shared/stores';

/** A store not named in the app secret: installed as an app? (One GetItem; the client is made on first use.) */
const isAppInstalled = (storeHash: string) => isInstalledStore(pointsTable(), storeHash);

export const handler = withLambdaContext(async function authorize(
  event: APIGatewayTokenAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  const token = parseBearerToken(event.authorizationToken);
  if (!token) return deny('no bearer token');
  try {
    const key = await currentVerificationKey();
    const customer = await verifyCurrentCustomerToken(token, {
      ...key,
      isInstalledStore: (storeHash) => key.isInstalledStore(storeHash) || isAppInstalled(storeHash),
    });
    return allowCustomer(customer, event.methodArn);
  } catch (error) {
    if (error instanceof InvalidToken) return deny(error.reason);
    throw error; // configuration or Secrets Manager trouble: API Gateway answers 500, not a false 401
  }
});

function deny(reason: string): never {
  logger.info('token refused', { reason });
  countAuthorizerDenial(reason);
  throw new Error('Unauthorized'); // the exact message API Gateway maps to 401
}
