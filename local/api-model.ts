// What the local API needs to know from template.yaml: the REST API (authorizers, gateway
// responses), its routes and the functions behind them, each with its declared environment.
import { join } from 'node:path';
import { resolve, type ResolveContext, type Template, type TemplateValue } from './template';

export interface FunctionModel {
  logicalId: string;
  /** Source file of the handler (CodeUri + the esbuild entry point). */
  entry: string;
  exportName: string;
  timeoutSeconds: number;
  /** The function's name in the context object (FunctionName, else the logical id). */
  functionName: string;
  memorySize: number;
  /** ReservedConcurrentExecutions: at most this many execution environments at once. */
  reservedConcurrency: number | undefined;
  /** Variables the template declares for this function (Globals + own), resolved. */
  environment: Record<string, string>;
}

export interface AuthorizerModel {
  name: string;
  functionId: string;
  header: string;
  validationExpression: RegExp | undefined;
  ttlSeconds: number;
}

export interface RouteModel {
  method: string;
  path: string;
  functionId: string;
  authorizer: string | undefined;
}

interface StreamConsumerModel {
  functionId: string;
  /** The DynamoDB event's Properties (BatchSize, FilterCriteria, retries…), resolved. */
  properties: Record<string, TemplateValue>;
}

export interface ApiModel {
  stage: string;
  streamConsumers: StreamConsumerModel[];
  functions: Record<string, FunctionModel>;
  routes: RouteModel[];
  authorizers: Record<string, AuthorizerModel>;
  /** Gateway response type (DEFAULT_4XX…) → header → mapping expression. */
  gatewayResponseHeaders: Record<string, Record<string, string>>;
  /** The API's MinimumCompressionSize in bytes; undefined: responses are never compressed. */
  minimumCompressionSize?: number;
}

type Obj = Record<string, TemplateValue>;
const obj = (v: TemplateValue | undefined): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const str = (v: TemplateValue | undefined): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

function functionIdOf(arn: TemplateValue | undefined): string {
  // `!GetAtt AuthorizerFunction.Arn` resolves locally to "AuthorizerFunction.Arn".
  return str(arn).replace(/\.Arn$/, '');
}

export function apiModel(template: Template, root: string, ctx: ResolveContext): ApiModel {
  const resources = template.Resources;
  const globals = obj(template.Globals?.Function as TemplateValue);
  const globalEnv = obj(obj(globals.Environment).Variables);

  const functions: Record<string, FunctionModel> = {};
  const routes: RouteModel[] = [];
  const streamConsumers: StreamConsumerModel[] = [];
  let api: Obj | undefined;
  let apiId: string | undefined;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::Serverless::Api') {
      if (api) throw new Error('local API: the template has more than one AWS::Serverless::Api');
      api = obj(resolve(resource.Properties as TemplateValue, ctx));
      apiId = logicalId;
    }
  }
  if (!api || !apiId) throw new Error('local API: no AWS::Serverless::Api in the template');
  const auth = obj(api.Auth);
  const defaultAuthorizer = str(auth.DefaultAuthorizer) || undefined;

  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const props = obj(resolve(resource.Properties as TemplateValue, ctx));
    const build = obj(obj(resource.Metadata as TemplateValue).BuildProperties);
    const entryPoints = build.EntryPoints;
    const entry = Array.isArray(entryPoints) && entryPoints[0] ? str(entryPoints[0]) : '';
    if (!entry) throw new Error(`local API: ${logicalId} has no esbuild EntryPoints`);
    const [, exportName = 'handler'] = str(props.Handler).split('.');
    const variables = { ...obj(resolve(globalEnv, ctx)), ...obj(obj(props.Environment).Variables) };
    functions[logicalId] = {
      logicalId,
      entry: join(root, str(props.CodeUri) || '.', entry),
      exportName,
      timeoutSeconds: Number(props.Timeout ?? globals.Timeout ?? 3),
      functionName: str(props.FunctionName) || logicalId,
      memorySize: Number(props.MemorySize ?? globals.MemorySize ?? 128),
      reservedConcurrency:
        props.ReservedConcurrentExecutions === undefined ? undefined : Number(props.ReservedConcurrentExecutions),
      environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, str(v)])),
    };
    for (const event of Object.values(obj(props.Events))) {
      const e = obj(event);
      if (e.Type === 'DynamoDB') streamConsumers.push({ functionId: logicalId, properties: obj(e.Properties) });
      if (e.Type !== 'Api') continue;
      const p = obj(e.Properties);
      if (str(p.RestApiId) !== apiId) throw new Error(`local API: ${logicalId} routes to an unknown API`);
      const authorizer = str(obj(p.Auth).Authorizer) || defaultAuthorizer;
      routes.push({
        method: str(p.Method).toUpperCase(),
        path: str(p.Path),
        functionId: logicalId,
        authorizer: authorizer === 'NONE' ? undefined : authorizer,
      });
    }
  }

  const authorizers: Record<string, AuthorizerModel> = {};
  for (const [name, value] of Object.entries(obj(auth.Authorizers))) {
    const a = obj(value);
    const identity = obj(a.Identity);
    if (str(a.FunctionPayloadType || 'TOKEN') !== 'TOKEN')
      throw new Error(`local API: authorizer ${name} is not a TOKEN authorizer`);
    const expression = str(identity.ValidationExpression);
    authorizers[name] = {
      name,
      functionId: functionIdOf(a.FunctionArn),
      header: str(identity.Header) || 'Authorization',
      validationExpression: expression ? new RegExp(expression) : undefined,
      ttlSeconds: identity.ReauthorizeEvery === undefined ? 300 : Number(identity.ReauthorizeEvery),
    };
  }

  const gatewayResponseHeaders = Object.fromEntries(
    Object.entries(obj(api.GatewayResponses)).map(([type, value]) => [
      type,
      Object.fromEntries(Object.entries(obj(obj(obj(value).ResponseParameters).Headers)).map(([h, v]) => [h, str(v)])),
    ]),
  );

  const minimumCompressionSize =
    api.MinimumCompressionSize === undefined ? undefined : Number(api.MinimumCompressionSize);
  return {
    stage: str(api.StageName) || 'v1',
    streamConsumers,
    functions,
    routes,
    authorizers,
    gatewayResponseHeaders,
    minimumCompressionSize,
  };
}
