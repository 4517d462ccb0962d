// Creates the points table in DynamoDB Local from its definition in template.yaml, so the local
// table has exactly the keys, stream and TTL the deployed one has (PITR and SSE do not apply locally).
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import type { Template } from './template';

export function tableDefinition(template: Template) {
  const entry = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table');
  if (!entry) throw new Error('template.yaml has no AWS::DynamoDB::Table');
  const props = entry[1].Properties as unknown as {
    AttributeDefinitions: AttributeDefinition[];
    KeySchema: KeySchemaElement[];
    StreamSpecification?: { StreamViewType: StreamViewType };
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  };
  return { logicalId: entry[0], ...props };
}

export async function ensurePointsTable(client: DynamoDBClient, template: Template, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const def = tableDefinition(template);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: def.AttributeDefinitions,
      KeySchema: def.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      ...(def.StreamSpecification
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.StreamSpecification.StreamViewType } }
        : {}),
    }),
  );
  if (def.TimeToLiveSpecification?.Enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: def.TimeToLiveSpecification.AttributeName, Enabled: true },
      }),
    );
  }
}
