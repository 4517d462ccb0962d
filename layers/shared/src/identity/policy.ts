// API Gateway caches an authorizer's policy per token for ReauthorizeEvery and reuses it on every
// route, so the policy must cover the whole API — never just the route that triggered it.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { CurrentCustomer } from './current-customer';

/**
 * `arn:aws:execute-api:region:account:apiId/stage/METHOD/path` → `arn:…:apiId/stage/{routes}`
 * (every method and path by default).
 *
 * @throws Error when `methodArn` is not an execute-api ARN.
 */
export function stageResource(methodArn: string, routes = '*'): string {
  const [apiAndStage, stage] = methodArn.split('/');
  if (!apiAndStage?.startsWith('arn:') || !stage) throw new Error('unexpected methodArn');
  return `${apiAndStage}/${stage}/${routes}`;
}

/**
 * The authorizer's answer for a verified customer: Allow on the whole API (`…/stage/*`), with
 * storeHash and customerId in the context that identityOf reads.
 *
 * @throws Error when `methodArn` is not an execute-api ARN (API Gateway always sends one).
 */
export function allowCustomer(customer: CurrentCustomer, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: `${customer.storeHash}:${customer.customerId}`,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageResource(methodArn) }],
    },
    // Context values must be strings, numbers or booleans; the email stays out (no function needs it).
    context: {
      storeHash: customer.storeHash,
      customerId: customer.customerId,
      customerGroupId: customer.customerGroupId ?? '',
    },
  };
}
