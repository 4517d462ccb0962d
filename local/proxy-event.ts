// The v1 proxy event API Gateway hands a Lambda function (REST API, proxy integration): headers and
// query in single- and multi-value form, path parameters by the route's names, and the request
// context with the authorizer's principal and context (values as strings, as API Gateway passes them).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RouteModel } from './api-model';

/** The local API's account and id, as they appear in method ARNs and request contexts. */
export const ACCOUNT = '123456789012';
export const API_ID = 'local';

/** What a TOKEN authorizer answers. */
export interface AuthorizerResult {
  principalId: string;
  policyDocument: unknown;
  context?: Record<string, unknown>;
}

export function proxyEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  route: RouteModel & { pattern: RegExp },
  body: Buffer,
  stage: string,
  authorizer: AuthorizerResult | undefined,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const names = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] as string);
  const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
  const pathParameters = names.length
    ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]))
    : null;
  const hasQuery = Object.keys(query).length > 0;
  const context = authorizer
    ? {
        principalId: authorizer.principalId,
        ...Object.fromEntries(Object.entries(authorizer.context ?? {}).map(([k, v]) => [k, String(v)])),
      }
    : undefined;
  return {
    resource: route.path,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters,
    stageVariables: null,
    body: body.length ? body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      authorizer: context,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      path: `/${stage}${url.pathname}`,
      stage,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: route.path,
      resourcePath: route.path,
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['User-Agent'] ?? headers['user-agent'] ?? null,
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        user: null,
        userArn: null,
      },
    },
  };
}
