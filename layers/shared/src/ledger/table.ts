// The DynamoDB document client of this container, built on first use.
import { DynamoDBClient, DynamoDBDocumentClient } from '../aws';
import { settings } from '../config';

let client: DynamoDBDocumentClient | undefined;

export function pointsTable(): { client: DynamoDBDocumentClient; name: string } {
  const { tableName, dynamodbEndpoint } = settings();
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodbEndpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, name: tableName };
}
