// Cold init as AWS would load each function: the esbuild bundle of template.yaml's Metadata, required
// in a fresh Node process with only the layer on NODE_PATH, clients constructed; the median of
// several processes, beside a reference bundle measured the same way in the same run: one handler
// that imports the DynamoDB client + lib-dynamodb, middy, Powertools logger and jose the usual way.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildArtifacts } from '../local/lambda-bundles';
import { repoRoot } from '../local/paths';
import { loadTemplate } from '../local/template';
import { median } from './measure';

interface ColdInitResult {
  name: string;
  bundleBytes: number;
  /** Median of the runs. */
  initMs: number;
  /** The fastest run: the best estimate of a process with the CPU to itself (contention only adds). */
  fastestMs: number;
  usesDynamoDb: boolean;
}

const REFERENCE_SOURCE = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { jwtVerify } from 'jose';
const logger = new Logger();
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = middy(async (event) => {
  await jwtVerify(event.token, new Uint8Array(32));
  logger.info('x');
  return client.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } }));
});
`;

interface Target {
  name: string;
  file: string;
  nodePath: string;
  construct: string;
  bundleBytes: number;
  usesDynamoDb: boolean;
}

function timeRequireOnce({ file, nodePath, construct }: Target): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});${construct};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(
    execFileSync(process.execPath, ['-e', script], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH,
        NODE_PATH: nodePath,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        TABLE_NAME: 'bench-table',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    }).toString(),
  );
}

/** Rounds that time every target once each, so drift of the machine hits all of them alike. */
function timeInterleaved(targets: Target[], runs: number): ColdInitResult[] {
  const times = targets.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    for (const [i, t] of targets.entries()) times[i]!.push(timeRequireOnce(t));
  }
  return targets.map((t, i) => ({
    name: t.name,
    bundleBytes: t.bundleBytes,
    usesDynamoDb: t.usesDynamoDb,
    initMs: median(times[i]!),
    fastestMs: Math.min(...times[i]!),
  }));
}

export async function benchColdInit(
  runs = 11,
): Promise<{ results: ColdInitResult[]; reference: ColdInitResult; layerBytes: number; floors: ColdInitResult[] }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bc-loyalty-bench-'));
  const template = loadTemplate(join(repoRoot, 'template.yaml'));
  const artifacts = await buildArtifacts(template, repoRoot, outDir);
  const referenceEntry = join(outDir, 'reference.mjs');
  writeFileSync(referenceEntry, REFERENCE_SOURCE);
  const referenceFile = join(outDir, 'reference', 'index.js');
  await build({
    entryPoints: [referenceEntry],
    outfile: referenceFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: true,
    nodePaths: [join(repoRoot, 'node_modules')],
    logLevel: 'error',
  });

  const layerDir = join(artifacts.layerNodePath, '@bc-loyalty', 'shared');
  const layerBytes = readdirSync(layerDir).reduce((sum, f) => sum + statSync(join(layerDir, f)).size, 0);
  const usesDynamoDb = (id: string) => !['AuthorizerFunction', 'PreflightFunction'].includes(id);
  const functions: Target[] = Object.entries(artifacts.functions).map(([id, file]) => ({
    name: id,
    file,
    nodePath: artifacts.layerNodePath,
    bundleBytes: statSync(file).size,
    usesDynamoDb: usesDynamoDb(id),
    construct: usesDynamoDb(id) ? "require('@bc-loyalty/shared/ledger').pointsTable()" : '',
  }));
  const reference: Target = {
    name: 'reference (usual imports)',
    file: referenceFile,
    nodePath: '',
    construct: '',
    bundleBytes: statSync(referenceFile).size,
    usesDynamoDb: true,
  };

  // Where the floor is: the layer's AWS SDK module alone, and the SDK as nodejs24.x provides it
  // (unbundled CommonJS from node_modules, as under /var/runtime/node_modules).
  const awsModule = join(layerDir, 'aws.cjs');
  const unbundled = join(outDir, 'runtime-sdk.cjs');
  writeFileSync(
    unbundled,
    "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb'); const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb'); DynamoDBDocumentClient.from(new DynamoDBClient({}));",
  );
  const floors: Target[] = [
    {
      name: 'layer `aws` module alone (SDK core, DynamoDB + Secrets Manager clients), DynamoDB client constructed',
      file: awsModule,
      nodePath: artifacts.layerNodePath,
      bundleBytes: statSync(awsModule).size,
      usesDynamoDb: true,
      construct: "const a=require('@bc-loyalty/shared/aws');a.DynamoDBDocumentClient.from(new a.DynamoDBClient({}))",
    },
    {
      name: 'DynamoDB client + lib-dynamodb unbundled from node_modules (how the runtime-provided SDK loads)',
      file: unbundled,
      nodePath: join(repoRoot, 'node_modules'),
      bundleBytes: 0,
      usesDynamoDb: true,
      construct: '',
    },
  ];
  const measured = timeInterleaved([reference, ...functions, ...floors], runs);
  return {
    reference: measured[0]!,
    results: measured.slice(1, 1 + functions.length),
    floors: measured.slice(1 + functions.length),
    layerBytes,
  };
}
