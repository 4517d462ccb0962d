import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // One DynamoDB Local for the whole run; each test file uses its own table.
    globalSetup: ['test/setup/dynamodb-local.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // The local runtime starts execution environments on demand, as Lambda does: a poll may wait
    // out a cold start (~1–2 s on this machine) before what it waits for can happen.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 90_000,
    // In-process handlers stay quiet; the local stack's functions log and write metrics as configured.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
