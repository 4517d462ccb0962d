// The admin authorizer's answer: Allow on /admin/* only (any method), never on the shopper routes,
// with the store and user in the context that adminIdentityOf reads.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { stageResource } from '../identity/policy';
import type { AdminIdentity } from './session';

/**
 * The policy for a verified, still-valid admin session.
 *
 * @throws Error when `methodArn` is not an execute-api ARN (API Gateway always sends one).
 */
export function allowAdmin(admin: AdminIdentity, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: `${admin.storeHash}:admin:${admin.userId}`,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: stageResource(methodArn, '*/admin/*') }],
    },
    // The e-mail stays out: the audit trail reads it from the user's record.
    context: { storeHash: admin.storeHash, userId: admin.userId },
  };
}
