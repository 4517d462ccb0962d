// What every bench run starts from: its own DynamoDB Local on a free port with the points table
// created from template.yaml, and the local stack's settings on free ports.
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { repoRoot } from '../local/paths';
import { ensurePointsTable } from '../local/points-table';
import { freePort } from '../local/ports';
import { localSettings } from '../local/settings';
import { loadTemplate, type Template } from '../local/template';

export async function benchDynamoDb(tableName: string) {
  const dynamodb = await startDynamoDbLocal({ port: await freePort() });
  const settings = {
    ...localSettings({}),
    apiPort: await freePort(),
    sandboxPort: await freePort(),
    tableName,
    allowedOrigins: '',
  };
  const template: Template = loadTemplate(join(repoRoot, 'template.yaml'));
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensurePointsTable(client, template, tableName);
  client.destroy();
  return { dynamodb, settings, template };
}
