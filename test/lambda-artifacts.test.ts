// The artifacts AWS would run, loaded in a fresh Node process with only the layer on NODE_PATH (as
// /opt/nodejs/node_modules on Lambda). They are what `sam build` left in .aws-sam/build (what `sam
// deploy` uploads; .ci/run builds it from a clean clone first) when that build exists. Without it
// (`npm test` on a machine without SAM CLI) the test is not skipped: it builds the same artifacts the
// same way (local/lambda-bundles.ts: the layer's build.ts, esbuild with each function's Metadata),
// and its title says which it loaded. A build older than its sources fails, naming them.
// Each Node binary of lambdaNodes() runs them: this one, and Node 24 (nodejs24.x) when LAMBDA_NODE
// names it, as .ci/run does.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOf } from '../local/ports';
import { artifactsUnderTest, lambdaNodes, type Artifacts } from './support/artifacts';
import {
  template,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  TEST_STORE,
  tokenFor,
  useTestTable,
} from './support/environment';

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), 'bc-loyalty-artifacts-'));
const artifacts: Artifacts = await artifactsUnderTest(template, outDir);
let tableName: string;

beforeAll(async () => {
  tableName = await useTestTable();
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** A Lambda-like process environment: only the layer on NODE_PATH, plus the given variables. */
const lambdaEnvironment = (variables: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  NODE_PATH: artifacts.layerNodePath,
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...variables,
});

/** Invokes a built handler in a new process of `node` (cwd outside the repo, so only NODE_PATH resolves). */
async function invokeBuilt(
  node: string,
  functionId: string,
  event: unknown,
  credentials: NodeJS.ProcessEnv = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
): Promise<unknown> {
  const script = join(outDir, `invoke-${functionId}.cjs`);
  writeFileSync(
    script,
    `require(${JSON.stringify(artifacts.functions[functionId])}).handler(${JSON.stringify(event)}, { awsRequestId: 'x' })
    .then((r) => process.stdout.write('\\n' + JSON.stringify({ result: r })), (e) => process.stdout.write('\\n' + JSON.stringify({ error: e.message })));`,
  );
  const { stdout } = await run(node, [script], {
    cwd: outDir,
    env: lambdaEnvironment({
      ...credentials,
      // Lambda's folder of the function's code (/var/task): where the admin UI's files are.
      LAMBDA_TASK_ROOT: dirname(artifacts.functions[functionId]!),
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      BC_CLIENT_ID: TEST_CLIENT_ID,
      BC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      BC_STORE_HASH: TEST_STORE,
      ALLOWED_ORIGINS: '',
    }),
  });
  // The last line: a function's stdout also carries its log and metric (EMF) lines, as on Lambda.
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as unknown;
}

describe.each(lambdaNodes().map((n) => [n.version, n.bin]))(
  `Lambda artifacts from ${artifacts.source} on Node %s`,
  (_version, node) => {
    const invoke = (functionId: string, event: unknown, credentials?: NodeJS.ProcessEnv) =>
      invokeBuilt(node, functionId, event, credentials);

    it('keep the function bundles small: the core lives in the layer', () => {
      for (const [id, file] of Object.entries(artifacts.functions)) {
        expect(statSync(file).size, id).toBeLessThan(20 * 1024);
      }
    });

    it('load every function bundle with only the layer on NODE_PATH (each import has a layer module)', async () => {
      for (const [id, file] of Object.entries(artifacts.functions)) {
        const { stdout } = await run(
          node,
          ['-e', `process.stdout.write(typeof require(${JSON.stringify(file)}).handler)`],
          {
            cwd: outDir,
            env: lambdaEnvironment(),
          },
        );
        expect(stdout, id).toBe('function');
      }
    });

    it('run the built authorizer with the layer on NODE_PATH', async () => {
      const token = await tokenFor(9);
      const outcome = (await invoke('AuthorizerFunction', {
        type: 'TOKEN',
        authorizationToken: `Bearer ${token}`,
        methodArn: 'arn:aws:execute-api:us-east-1:1:api/v1/GET/points',
      })) as { result: { principalId: string } };
      expect(outcome.result.principalId).toBe(`${TEST_STORE}:9`);
      expect(
        await invoke('AuthorizerFunction', {
          type: 'TOKEN',
          authorizationToken: 'Bearer a.b.c',
          methodArn: 'arn:aws:execute-api:us-east-1:1:api/v1/GET/points',
        }),
      ).toEqual({ error: 'Unauthorized' });
    });

    const balanceEvent = {
      httpMethod: 'GET',
      path: '/points',
      headers: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      requestContext: { authorizer: { principalId: `${TEST_STORE}:9`, storeHash: TEST_STORE, customerId: '9' } },
    };

    it('run the built balance function against DynamoDB', async () => {
      const outcome = (await invoke('BalanceFunction', balanceEvent)) as {
        result: { statusCode: number; body: string };
      };
      expect(outcome.result.statusCode).toBe(200);
      expect(JSON.parse(outcome.result.body)).toMatchObject({ customerId: 9, balance: 0 });
    });

    it('run the built retention function: nothing uninstalled, nothing due, done', async () => {
      expect(await invoke('StoreRetentionFunction', {})).toEqual({ result: { done: true, stores: 0 } });
    });

    it('serve the admin UI from the AdminUiFunction artifact: the entry, its hashed bundle (immutable), 404 for others', async () => {
      const get = async (file: string) =>
        (
          (await invoke('AdminUiFunction', { httpMethod: 'GET', headers: {}, pathParameters: { file } })) as {
            result: { statusCode: number; headers: Record<string, string>; body: string };
          }
        ).result;
      const entry = await get('admin.js');
      expect(entry).toMatchObject({ statusCode: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
      const bundle = /import '\.\/(admin-\w+\.js)'/.exec(entry.body)?.[1];
      const built = await get(bundle ?? 'missing');
      expect(built.statusCode).toBe(200);
      expect(built.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
      expect(built.body).toContain('bc-loyalty-admin');
      expect((await get('index.js')).statusCode).toBe(404);
    });

    it("take container credentials when the environment holds no keys (the layer's Lambda-only provider)", async () => {
      let served = 0;
      const server = createServer((_req, res) => {
        served += 1;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            AccessKeyId: 'container',
            SecretAccessKey: 'container',
            Token: 'token',
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const outcome = (await invoke('BalanceFunction', balanceEvent, {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${portOf(server)}/credentials`,
        })) as { result: { statusCode: number } };
        expect(outcome.result.statusCode).toBe(200);
        expect(served, JSON.stringify(outcome)).toBe(1);
        // No credentials anywhere is a deployment fault: a plain 500, not a storage outage (503).
        expect(await invoke('BalanceFunction', balanceEvent, {})).toMatchObject({ result: { statusCode: 500 } });
      } finally {
        server.close();
      }
    });
  },
);
