// How the local API Gateway decides on an authorizer's IAM policy, as API Gateway does: an Allow
// that covers the route, an explicit Deny that wins, and a policy that does not cover it.
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../local/authorizer-policy';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:local/v1/GET/points';
const policy = (Effect: string, Resource: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect, Action: 'execute-api:Invoke', Resource }],
});

describe('evaluatePolicy', () => {
  it.each([
    ['Allow', 'arn:aws:execute-api:us-east-1:123456789012:local/v1/*', 'allow'],
    ['Allow', ARN, 'allow'],
    ['Allow', 'arn:aws:execute-api:us-east-1:123456789012:local/v1/POST/*', 'no-match'],
    ['Allow', 'arn:aws:execute-api:us-east-1:123456789012:other/v1/*', 'no-match'],
    ['Deny', 'arn:aws:execute-api:*', 'deny'],
  ])('%s %s → %s', (effect, resource, decision) => {
    expect(evaluatePolicy(policy(effect, resource), ARN)).toBe(decision);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const doc = { Statement: [...policy('Allow', '*').Statement, ...policy('Deny', ARN).Statement] };
    expect(evaluatePolicy(doc, ARN)).toBe('deny');
  });
});
