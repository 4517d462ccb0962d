// The deployed authorizer's two gates, in process: API Gateway's validation expression from
// template.yaml, then the authorizer handler. For the unit tier (no DynamoDB, no network).
import { join } from 'node:path';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { apiModel } from '../../local/api-model';
import { repoRoot } from '../../local/paths';
import { loadTemplate, parameterValues } from '../../local/template';
import { OTHER_STORE, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE } from './tokens';

export const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/v1/GET/points';
const template = loadTemplate(join(repoRoot, 'template.yaml'));
const gate = apiModel(template, repoRoot, {
  parameters: parameterValues(template, { AllowedOrigins: 'https://x.example' }),
  resources: {},
}).authorizers.CurrentCustomerAuthorizer;
const lambdaContext = { functionName: 'authorizer', awsRequestId: 'unit' } as Context;

export type AuthorizerHandler = (
  event: APIGatewayTokenAuthorizerEvent,
  context: Context,
) => Promise<APIGatewayAuthorizerResult>;

/** The authorizer handler, configured for the test app and its two installed stores. */
export async function loadAuthorizer(): Promise<AuthorizerHandler> {
  Object.assign(process.env, {
    BC_CLIENT_ID: TEST_CLIENT_ID,
    BC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    BC_STORE_HASH: `${TEST_STORE},${OTHER_STORE}`,
    APP_SECRET_ARN: '',
  });
  return (await import('../../functions/authorizer/index')).handler;
}

/** Runs the handler alone: 'allow', 'deny' (its Unauthorized), or the other error it threw. */
export async function decisionOf(handler: AuthorizerHandler, authorizationToken: string): Promise<string> {
  try {
    await handler({ type: 'TOKEN', authorizationToken, methodArn: METHOD_ARN }, lambdaContext);
    return 'allow';
  } catch (error) {
    return (error as Error).message === 'Unauthorized' ? 'deny' : `error: ${(error as Error).message}`;
  }
}

/** What API Gateway answers for an Authorization header: the policy's context, or 401. */
export async function gatewayAuthorize(
  handler: AuthorizerHandler,
  authorization: string | undefined,
): Promise<Record<string, unknown> | 401 | string> {
  if (!authorization || !gate?.validationExpression?.test(authorization)) return 401;
  try {
    const result = await handler(
      { type: 'TOKEN', authorizationToken: authorization, methodArn: METHOD_ARN },
      lambdaContext,
    );
    return result.context ?? {};
  } catch (error) {
    return (error as Error).message === 'Unauthorized' ? 401 : `error: ${(error as Error).message}`;
  }
}
