// npm run bench -- black-friday [--orders N] [--per-hour R] [--time-scale S]: a sale-day hour on a
// Standard plan (150 requests per 30 s, shared by the store's apps) through the local stack and the
// sandbox, with store time compressed S times (the sandbox's quota window, the stream's batching
// windows and the load's clock alike; DynamoDB and CPU are not, so every latency in store time is
// an upper bound). Reports calls per order, quota use per window, latency, 429s and the audit, and
// writes them into docs/benchmarks.md (its black-friday section).
import { commandLine } from '../local/cli/command-line';
import { appEnvironment } from '../local/settings';
import { startLocalStack } from '../local/stack';
import { benchDynamoDb } from './bench-dynamodb';
import { auditBlackFriday } from './black-friday-audit';
import { blackFridayReport } from './black-friday-report';
import { runLoad } from './black-friday-load';
import { seedRewardCodes } from './black-friday-seed';
import { replaceSection } from './report';

const STANDARD_QUOTA = 150;
/** Requests the store's other app sends at the start of every window: 15% of the quota, inside our 20% reserve. */
const OTHER_APP_PER_WINDOW = 22;
const usage = 'usage: npm run bench -- black-friday [--orders 20000] [--per-hour 20000] [--time-scale 20]';

export async function benchBlackFriday(args: string[]): Promise<void> {
  const cli = commandLine(
    'bench black-friday',
    usage,
    {
      orders: { type: 'string', default: '20000' },
      'per-hour': { type: 'string', default: '20000' },
      'time-scale': { type: 'string', default: '20' },
    },
    { args },
  );
  const count = (name: 'orders' | 'per-hour' | 'time-scale') => {
    const value = Number(cli.values[name]);
    return Number.isInteger(value) && value > 0 ? value : cli.fail(`--${name} must be a positive integer`);
  };
  const options = { orders: count('orders'), ordersPerHour: count('per-hour'), timeScale: count('time-scale') };
  const log = (line: string) => console.log(`[black-friday] ${line}`);

  const { dynamodb, settings } = await benchDynamoDb('black-friday');
  Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
  const stack = await startLocalStack({
    settings,
    dynamodbEndpoint: dynamodb.endpoint,
    // The quota explicitly: the stack's BC_SANDBOX_QUOTA (Pro's 450) would otherwise win over the plan.
    quota: {
      plan: 'standard',
      quota: STANDARD_QUOTA,
      timeScale: options.timeScale,
      otherAppPerWindow: OTHER_APP_PER_WINDOW,
    },
    functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  try {
    const sandbox = stack.sandbox!;
    const storeHash = settings.storeHash.split(',')[0]!;
    Object.assign(process.env, {
      ...appEnvironment(stack.settings),
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      BC_API_URL: sandbox.url,
      BC_QUOTA_WINDOW_MS: String(sandbox.quota.windowMs),
    });
    const { pointsTable } = await import('@bc-loyalty/shared/ledger');
    const table = pointsTable();
    log(`seeding ${Math.round(options.orders * 0.2)} reward codes (issued through the quota)…`);
    const codes = await seedRewardCodes(table, sandbox, storeHash, Math.round(options.orders * 0.2), log);
    const callsBefore = sandbox.calls.length;
    const rateLimitedBefore = sandbox.rateLimited;
    const started = Date.now();
    log(`${options.orders} orders at ${options.ordersPerHour}/store hour, ${options.timeScale}× faster…`);
    const placed = await runLoad(sandbox, { ...options, storeHash, codes, log });
    log('draining the stream…');
    await drained(stack, 30_000 / options.timeScale);
    const audit = await auditBlackFriday(table, storeHash, placed);
    const report = blackFridayReport({
      ...options,
      quota: STANDARD_QUOTA,
      calls: sandbox.calls.slice(callsBefore),
      windows: sandbox.quotaOf(storeHash).windows.filter((w) => w.windowStart >= started),
      otherAppPerWindow: OTHER_APP_PER_WINDOW,
      placedAt: placed.map((p) => p.placedAt),
      rateLimited: sandbox.rateLimited - rateLimitedBefore,
      storeSeconds: ((Date.now() - started) * options.timeScale) / 1000,
      deadLetters: Object.values(stack.eventSources).reduce((n, s) => n + s.deadLetters, 0),
      audit,
    });
    console.log(report.markdown);
    replaceSection('Black Friday on a Standard plan', report.markdown);
    log('wrote the black-friday section of docs/benchmarks.md');
    if (!report.clean) process.exitCode = 1;
  } finally {
    await stack.stop();
    await dynamodb.stop();
  }
}

/** Resolves once no stream consumer has been invoked and no BigCommerce call made for `quietMs`. */
async function drained(stack: Awaited<ReturnType<typeof startLocalStack>>, windowMs: number): Promise<void> {
  const quietMs = Math.max(3_000, 3 * windowMs);
  const activity = () =>
    stack.sandbox!.calls.length + Object.values(stack.eventSources).reduce((n, s) => n + s.invocations.length, 0);
  let seen = -1;
  while (seen !== activity()) {
    seen = activity();
    await new Promise((r) => setTimeout(r, quietMs));
  }
}
