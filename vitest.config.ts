import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Three tiers (npm test runs them all; `npm run test:unit` alone needs no Java and no network).
const quiet = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
};
// In-process handlers stay quiet; the local stack's functions log and write metrics as configured.
const withDynamoDbLocal = {
  // One DynamoDB Local for the tier; each test file uses its own table.
  globalSetup: ['test/setup/dynamodb-local.ts'],
  testTimeout: 30_000,
  hookTimeout: 90_000,
  env: quiet,
};

const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: quiet } },
  {
    extends: true,
    test: {
      name: 'integration',
      include: ['test/**/*.test.ts'],
      exclude: ['test/unit/**', 'test/browser/**'],
      ...withDynamoDbLocal,
    },
  },
  { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], ...withDynamoDbLocal } },
];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The local runtime starts execution environments on demand, as Lambda does: a poll may wait
    // out a cold start (~1–2 s on this machine) before what it waits for can happen.
    expect: { poll: { timeout: 5_000 } },
    projects,
  },
});
