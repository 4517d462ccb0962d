// The AWS SDK as the layer uses it, in one module: its bundle holds the SDK core once for both the
// DynamoDB and the Secrets Manager client (apart they would each carry ~170 KB of the same code,
// parsed twice by every function that reads the table and a secret). See docs/benchmarks.md.
export {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
export {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
export { getSecret } from '@aws-lambda-powertools/parameters/secrets';
