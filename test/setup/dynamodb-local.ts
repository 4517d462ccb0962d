// Starts Amazon's DynamoDB Local once for the test run (in memory, on a free port) and stops it
// afterwards, so no java process outlives the tests.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

// The SDK warns on Node 20 about its future releases; the lockfile pins one that supports it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal({ port: await freePort(), log: (line) => console.log(line) });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
