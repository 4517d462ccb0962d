// Evaluates an authorizer's IAM policy against a method ARN as API Gateway does: an explicit
// Deny wins, then an Allow; no match is a deny. `*` and `?` are IAM wildcards.
type PolicyDecision = 'allow' | 'deny' | 'no-match';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function evaluatePolicy(policyDocument: unknown, methodArn: string): PolicyDecision {
  const statements = (policyDocument as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  const list = statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
  const matches = (s: Statement) =>
    asList(s.Action).some((a) => wildcard(a).test('execute-api:Invoke')) &&
    asList(s.Resource).some((r) => wildcard(r).test(methodArn));
  if (list.some((s) => s.Effect === 'Deny' && matches(s))) return 'deny';
  if (list.some((s) => s.Effect === 'Allow' && matches(s))) return 'allow';
  return 'no-match';
}
