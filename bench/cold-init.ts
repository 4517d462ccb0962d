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

export interface ColdInitResult { name: string; bundleBytes: number; initMs: number; usesDynamoDb: boolean }

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

function timeRequire(file: string, nodePath: string, construct: string, runs: number): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});${construct};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, NODE_PATH: nodePath, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', TABLE_NAME: 'bench-table', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    }).toString();
    times.push(Number(out));
  }
  return median(times);
}

export async function benchColdInit(runs = 11): Promise<{ results: ColdInitResult[]; reference: ColdInitResult; layerBytes: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'bc-loyalty-bench-'));
  const template = loadTemplate(join(repoRoot, 'template.yaml'));
  const artifacts = await buildArtifacts(template, repoRoot, outDir);
  const referenceEntry = join(outDir, 'reference.mjs');
  writeFileSync(referenceEntry, REFERENCE_SOURCE);
  const referenceFile = join(outDir, 'reference', 'index.js');
  await build({ entryPoints: [referenceEntry], outfile: referenceFile, bundle: true, platform: 'node', format: 'cjs', target: 'es2022', minify: true, nodePaths: [join(repoRoot, 'node_modules')], logLevel: 'error' });

  const layerDir = join(artifacts.layerNodePath, '@bc-loyalty', 'shared');
  const layerBytes = readdirSync(layerDir).reduce((sum, f) => sum + statSync(join(layerDir, f)).size, 0);
  const usesDynamoDb = (id: string) => !['AuthorizerFunction', 'PreflightFunction'].includes(id);
  const results: ColdInitResult[] = Object.entries(artifacts.functions).map(([id, file]) => {
    const dynamo = usesDynamoDb(id);
    const construct = dynamo ? "require('@bc-loyalty/shared/ledger').pointsTable()" : '';
    return { name: id, bundleBytes: statSync(file).size, initMs: timeRequire(file, artifacts.layerNodePath, construct, runs), usesDynamoDb: dynamo };
  });
  const reference = { name: 'reference (usual imports)', bundleBytes: statSync(referenceFile).size, initMs: timeRequire(referenceFile, '', '', runs), usesDynamoDb: true };
  return { results, reference, layerBytes };
}
