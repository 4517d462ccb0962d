// A local stand-in for API Gateway (REST API, proxy integration), driven by the template: routes,
// the TOKEN authorizer with its identity header, validation expression and result cache, the IAM
// policy check (401 vs 403), gateway responses with their headers, response compression
// (gateway-compression.ts) and v1 proxy events (proxy-event.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiModel, AuthorizerModel, RouteModel } from './api-model';
import { evaluatePolicy } from './authorizer-policy';
import { readBody } from './http-body';
import { FunctionError } from './execution-environment';
import { compressed } from './gateway-compression';
import type { LocalFunction } from './lambda-runtime';
import { ACCOUNT, API_ID, type AuthorizerResult, proxyEvent } from './proxy-event';

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024; // API Gateway's own limit

interface GatewayAnswer {
  type: string;
  status: number;
  body: unknown;
}

const answers = {
  missingToken: {
    type: 'MISSING_AUTHENTICATION_TOKEN',
    status: 403,
    body: { message: 'Missing Authentication Token' },
  },
  unauthorized: { type: 'UNAUTHORIZED', status: 401, body: { message: 'Unauthorized' } },
  accessDenied: {
    type: 'ACCESS_DENIED',
    status: 403,
    body: { Message: 'User is not authorized to access this resource' },
  },
  explicitDeny: {
    type: 'ACCESS_DENIED',
    status: 403,
    body: { Message: 'User is not authorized to access this resource with an explicit deny' },
  },
  authorizerFailure: { type: 'AUTHORIZER_CONFIGURATION_ERROR', status: 500, body: { message: null } },
  integrationFailure: { type: 'DEFAULT_5XX', status: 502, body: { message: 'Internal server error' } },
  tooLarge: { type: 'REQUEST_TOO_LARGE', status: 413, body: { message: 'Request Too Long' } },
} satisfies Record<string, GatewayAnswer>;

function routePattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (/^\{[^}]+\+\}$/.test(segment)) return '(.+)';
      if (/^\{[^}]+\}$/.test(segment)) return '([^/]+)';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

interface LocalApiOptions {
  model: ApiModel;
  functions: Record<string, LocalFunction>;
  /** Writes one line per request; defaults to nothing. */
  log?: (line: string) => void;
  now?: () => number;
}

export class LocalApi {
  private cache = new Map<string, { result: AuthorizerResult; expires: number }>();
  private routes: Array<RouteModel & { pattern: RegExp }>;
  constructor(private readonly options: LocalApiOptions) {
    this.routes = options.model.routes.map((r) => ({ ...r, pattern: routePattern(r.path) }));
  }

  listen(port: number, host = '127.0.0.1'): Promise<Server> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.log?.(`local API error: ${error instanceof Error ? error.message : String(error)}`);
        this.send(req, res, answers.integrationFailure);
      });
    });
    server.keepAliveTimeout = 5_000;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = this.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req, MAX_PAYLOAD_BYTES);
    if (body === undefined) return this.send(req, res, answers.tooLarge);
    const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === method || r.method === 'ANY');
    if (!route) return this.send(req, res, answers.missingToken);

    const methodArn = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${API_ID}/${this.options.model.stage}/${method}${url.pathname}`;
    let authorizer: AuthorizerResult | undefined;
    if (route.authorizer) {
      const config = this.options.model.authorizers[route.authorizer];
      if (!config) throw new Error(`unknown authorizer ${route.authorizer}`);
      const outcome = await this.authorize(config, req, methodArn);
      if ('status' in outcome) return this.send(req, res, outcome);
      authorizer = outcome;
    }

    const event = proxyEvent(req, url, method, route, body, this.options.model.stage, authorizer);
    let result: APIGatewayProxyResult;
    try {
      result = (await this.invoke(route.functionId, event)) as APIGatewayProxyResult;
    } catch (error) {
      this.logFailure(route.functionId, error);
      return this.send(req, res, answers.integrationFailure);
    }
    if (!result || typeof result.statusCode !== 'number') return this.send(req, res, answers.integrationFailure);
    const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
    for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String);
    const raw = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
    const encoded = Object.keys(headers).some((name) => name.toLowerCase() === 'content-encoding');
    const payload = compressed(raw, req.headers['accept-encoding'], this.options.model.minimumCompressionSize, encoded);
    if (payload.encoding) headers['Content-Encoding'] = payload.encoding;
    res.writeHead(result.statusCode, { ...headers, 'x-amzn-RequestId': event.requestContext.requestId });
    res.end(payload.body);
    this.options.log?.(`${method} ${url.pathname} → ${result.statusCode} (${this.now() - started} ms)`);
  }

  private async authorize(
    config: AuthorizerModel,
    req: IncomingMessage,
    methodArn: string,
  ): Promise<AuthorizerResult | GatewayAnswer> {
    const raw = req.headers[config.header.toLowerCase()];
    const token = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (!token) return answers.unauthorized;
    if (config.validationExpression && !config.validationExpression.test(token)) return answers.unauthorized;

    const key = `${config.name}\n${token}`;
    const cached = this.cache.get(key);
    let result: AuthorizerResult;
    if (cached && cached.expires > this.now()) {
      result = cached.result;
    } else {
      try {
        result = (await this.invoke(config.functionId, {
          type: 'TOKEN',
          authorizationToken: token,
          methodArn,
        })) as AuthorizerResult;
      } catch (error) {
        if (error instanceof FunctionError && error.message === 'Unauthorized') return answers.unauthorized;
        this.logFailure(config.functionId, error);
        return answers.authorizerFailure;
      }
      if (!result || typeof result.principalId !== 'string' || !result.policyDocument) return answers.authorizerFailure;
      if (config.ttlSeconds > 0) this.cache.set(key, { result, expires: this.now() + config.ttlSeconds * 1000 });
    }
    const decision = evaluatePolicy(result.policyDocument, methodArn);
    if (decision === 'deny') return answers.explicitDeny;
    if (decision === 'no-match') return answers.accessDenied;
    return result;
  }

  private invoke(functionId: string, event: unknown): Promise<unknown> {
    const fn = this.options.functions[functionId];
    if (!fn) throw new Error(`no local function ${functionId}`);
    return fn.invoke(event);
  }

  private logFailure(functionId: string, error: unknown): void {
    const detail =
      error instanceof FunctionError
        ? `${error.errorName}: ${error.message}\n${error.errorStack ?? ''}`
        : String(error);
    this.options.log?.(`${functionId} failed: ${detail}`);
  }

  /** A response API Gateway makes itself, with the template's gateway response headers. */
  private send(req: IncomingMessage, res: ServerResponse, answer: GatewayAnswer): void {
    const responses = this.options.model.gatewayResponseHeaders;
    const mapping = responses[answer.type] ?? responses[answer.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'] ?? {};
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-ErrorType': answer.type };
    for (const [name, expression] of Object.entries(mapping)) {
      const value = mappedValue(expression, req);
      if (value !== undefined) headers[name] = value;
    }
    res.writeHead(answer.status, headers);
    res.end(JSON.stringify(answer.body));
    this.options.log?.(`${req.method} ${req.url} → ${answer.status} (gateway: ${answer.type})`);
  }
}

/** Gateway response header mappings: a 'static value' or method.request.header.<name>. */
function mappedValue(expression: string, req: IncomingMessage): string | undefined {
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1];
  const header = /^method\.request\.header\.(.+)$/.exec(expression);
  if (header?.[1]) {
    const value = req.headers[header[1].toLowerCase()];
    return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}
