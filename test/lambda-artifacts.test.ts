// The artifacts AWS would run: the layer bundles and each function bundled per its Metadata, loaded
// in a fresh Node process with only the layer on NODE_PATH (as /opt/nodejs/node_modules on Lambda).
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArtifacts } from '../local/lambda-bundles';
import { repoRoot } from '../local/stack';
import { template, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE, tokenFor, useTestTable } from './support/environment';

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), 'bc-loyalty-artifacts-'));
let artifacts: Awaited<ReturnType<typeof buildArtifacts>>;
let tableName: string;

beforeAll(async () => {
  tableName = await useTestTable();
  artifacts = await buildArtifacts(template, repoRoot, outDir);
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** A Lambda-like process environment: only the layer on NODE_PATH, plus the given variables. */
const lambdaEnvironment = (variables: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH, NODE_PATH: artifacts.layerNodePath, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...variables,
});

/** Invokes a built handler in a new process (cwd outside the repo, so only NODE_PATH resolves). */
async function invokeBuilt(functionId: string, event: unknown, credentials: NodeJS.ProcessEnv = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' }): Promise<unknown> {
  const script = join(outDir, `invoke-${functionId}.cjs`);
  writeFileSync(script, `require(${JSON.stringify(artifacts.functions[functionId])}).handler(${JSON.stringify(event)}, { awsRequestId: 'x' })
    .then((r) => process.stdout.write('\\n' + JSON.stringify({ result: r })), (e) => process.stdout.write('\\n' + JSON.stringify({ error: e.message })));`);
  const { stdout } = await run(process.execPath, [script], {
    cwd: outDir,
    env: lambdaEnvironment({
      ...credentials,
      TABLE_NAME: tableName, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, POWERTOOLS_LOG_LEVEL: 'ERROR',
      BC_CLIENT_ID: TEST_CLIENT_ID, BC_CLIENT_SECRET: TEST_CLIENT_SECRET, BC_STORE_HASH: TEST_STORE, ALLOWED_ORIGINS: '',
    }),
  });
  // The last line: a function's stdout also carries its log and metric (EMF) lines, as on Lambda.
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as unknown;
}

describe('Lambda artifacts', () => {
  it('keep the function bundles small: the core lives in the layer', () => {
    for (const [id, file] of Object.entries(artifacts.functions)) {
      expect(statSync(file).size, id).toBeLessThan(20 * 1024);
    }
  });

  it('load every function bundle with only the layer on NODE_PATH (each import has a layer module)', async () => {
    for (const [id, file] of Object.entries(artifacts.functions)) {
      const { stdout } = await run(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(file)}).handler)`], {
        cwd: outDir, env: lambdaEnvironment(),
      });
      expect(stdout, id).toBe('function');
    }
  });

  it('run the built authorizer with the layer on NODE_PATH', async () => {
    const token = await tokenFor(9);
    const outcome = await invokeBuilt('AuthorizerFunction', {
      type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: 'arn:aws:execute-api:us-east-1:1:api/v1/GET/points',
    }) as { result: { principalId: string } };
    expect(outcome.result.principalId).toBe(`${TEST_STORE}:9`);
    expect(await invokeBuilt('AuthorizerFunction', { type: 'TOKEN', authorizationToken: 'Bearer a.b.c', methodArn: 'arn:aws:execute-api:us-east-1:1:api/v1/GET/points' }))
      .toEqual({ error: 'Unauthorized' });
  });

  const balanceEvent = {
    httpMethod: 'GET', path: '/points', headers: {}, queryStringParameters: null, multiValueQueryStringParameters: null,
    requestContext: { authorizer: { principalId: `${TEST_STORE}:9`, storeHash: TEST_STORE, customerId: '9' } },
  };

  it('run the built balance function against DynamoDB', async () => {
    const outcome = await invokeBuilt('BalanceFunction', balanceEvent) as { result: { statusCode: number; body: string } };
    expect(outcome.result.statusCode).toBe(200);
    expect(JSON.parse(outcome.result.body)).toMatchObject({ customerId: 9, balance: 0 });
  });

  it('take container credentials when the environment holds no keys (the layer\'s Lambda-only provider)', async () => {
    let served = 0;
    const server = createServer((_req, res) => {
      served += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ AccessKeyId: 'container', SecretAccessKey: 'container', Token: 'token', Expiration: new Date(Date.now() + 3_600_000).toISOString() }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const outcome = await invokeBuilt('BalanceFunction', balanceEvent, { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/credentials` }) as { result: { statusCode: number } };
      expect(outcome.result.statusCode).toBe(200);
      expect(served, JSON.stringify(outcome)).toBe(1);
      // No credentials anywhere is a deployment fault: a plain 500, not a storage outage (503).
      expect(await invokeBuilt('BalanceFunction', balanceEvent, {})).toMatchObject({ result: { statusCode: 500 } });
    } finally {
      server.close();
    }
  });
});
