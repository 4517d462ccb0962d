// The cost sheet (docs/costs.md): what 1,000 shopper actions use — API Gateway requests, Lambda
// invocations and GB-seconds, DynamoDB request units — from the calls counted by call-counts.ts,
// priced with AWS's public on-demand prices, then a month for 10k and 1M active shoppers.
import type { Template } from '../local/template';
import type { CallCount } from './call-counts';

/** us-east-1 list prices in USD, no free tier (aws.amazon.com/{api-gateway,lambda,dynamodb,…}/pricing). */
export const PRICES = {
  pricesChecked: '2026-11',
  apiRequestsPerMillion: 3.5, // REST API, first 333 M requests a month
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334, // arm64, first 7.5 B GB-s a month
  readUnitsPerMillion: 0.125, // DynamoDB on-demand
  writeUnitsPerMillion: 0.625,
  storageGbMonth: 0.25,
  pitrGbMonth: 0.2,
  secretMonth: 0.4,
  secretCallsPer10k: 0.05,
  customMetricMonth: 0.3, // first 10,000 metrics
  alarmMonth: 0.1,
  logsIngestedGb: 0.5,
};

/** Assumed warm billed durations (ms) at the template's memory size: AWS durations cannot be measured here. */
const ASSUMED_MS = {
  authorizer: 3,
  balance: 10,
  history: 15,
  redeem: 30,
  webhook: 15,
  orderEvent: 250,
  mirror: 300,
};
/** Bytes of CloudWatch Logs per invocation: Lambda's START/END/REPORT lines, a structured line, a metric line. */
const LOG_BYTES_PER_INVOCATION = 1_000;
/** Bytes of one API Gateway access log line (the template's JSON format, filled in). */
const LOG_BYTES_PER_API_REQUEST = 450;
/** Warm containers that read the app secret (authorizer, webhook, order events, mirror), each once per 5 min. */
const SECRET_READERS = (shoppers: number) => (shoppers >= 1_000_000 ? 12 : 4);
const SECRET_READS_PER_CONTAINER_MONTH = (30 * 86_400) / 300;
/** A month of one active shopper (assumed): widget loads, history views, redemptions, orders. */
const SHOPPER_MONTH = { 'view balance': 8, 'view history': 1, redeem: 0.25, 'place an order': 0.5 };
/** Metric series: 7 business metrics + ~5 denial reasons that actually occur. */
const METRIC_SERIES = 12;

/** What the sheet reads from template.yaml. */
interface StackFacts {
  memoryMb: number;
  alarms: number;
  authorizerCacheSeconds: number;
}

export function stackFacts(template: Template): StackFacts {
  const resources = Object.values(template.Resources);
  const ttl = JSON.stringify(resources.find((r) => r.Type === 'AWS::Serverless::Api')?.Properties ?? {}).match(
    /"ReauthorizeEvery":(\d+)/,
  );
  return {
    memoryMb: Number((template.Globals?.Function as { MemorySize?: number } | undefined)?.MemorySize ?? 128),
    alarms: resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length,
    authorizerCacheSeconds: ttl ? Number(ttl[1]) : 300,
  };
}

interface Usage {
  api: number;
  invocations: number;
  gbSeconds: number;
  readUnits: number;
  writeUnits: number;
}

const zero = (): Usage => ({ api: 0, invocations: 0, gbSeconds: 0, readUnits: 0, writeUnits: 0 });
function add(total: Usage, part: Usage, times = 1): Usage {
  for (const k of Object.keys(total) as (keyof Usage)[]) total[k] += part[k] * times;
  return total;
}

export function costSheet(calls: CallCount[], { memoryMb, alarms, authorizerCacheSeconds }: StackFacts): string {
  const measured = (action: string) => {
    const c = calls.find((x) => x.action.startsWith(action));
    if (!c) throw new Error(`no call count for ${action}`);
    return c;
  };
  const gb = memoryMb / 1024;
  const invoke = (ms: number, action?: string): Usage => ({
    api: 0,
    invocations: 1,
    gbSeconds: (gb * ms) / 1000,
    readUnits: action ? measured(action).readUnits : 0,
    writeUnits: action ? measured(action).writeUnits : 0,
  });
  const apiCall = (ms: number, action: string): Usage =>
    add(add({ ...zero(), api: 1 }, invoke(ASSUMED_MS.authorizer)), invoke(ms, action));
  const mirror = invoke(ASSUMED_MS.mirror, 'mirror one changed customer');
  const webhook = add({ ...zero(), api: 1 }, invoke(ASSUMED_MS.webhook, 'order webhook received'));

  // Storefront calls fetch a fresh current.jwt each time, so the authorizer's cache seldom hits:
  // one authorizer invocation per call. Low traffic, worst case: every change is its own mirror batch.
  const actions: Record<keyof typeof SHOPPER_MONTH, Usage> = {
    'view balance': apiCall(ASSUMED_MS.balance, 'GET /points'),
    'view history': apiCall(ASSUMED_MS.history, 'GET /points/history'),
    redeem: add(apiCall(ASSUMED_MS.redeem, 'POST /points/redeem'), mirror),
    // created + two status updates: three callbacks, three order events (one awards), one mirror run
    'place an order': add(
      add(
        add(add(zero(), webhook, 3), invoke(ASSUMED_MS.orderEvent, 'earn')),
        invoke(ASSUMED_MS.orderEvent, 'order event with nothing'),
        2,
      ),
      mirror,
    ),
  };
  const logBytes = (u: Usage) => u.invocations * LOG_BYTES_PER_INVOCATION + u.api * LOG_BYTES_PER_API_REQUEST;
  const dollars = (u: Usage) => ({
    api: (u.api / 1e6) * PRICES.apiRequestsPerMillion,
    lambda: (u.invocations / 1e6) * PRICES.lambdaRequestsPerMillion + u.gbSeconds * PRICES.lambdaArmGbSecond,
    dynamodb: (u.readUnits / 1e6) * PRICES.readUnitsPerMillion + (u.writeUnits / 1e6) * PRICES.writeUnitsPerMillion,
    logs: (logBytes(u) / 2 ** 30) * PRICES.logsIngestedGb,
  });
  const usd = (n: number) =>
    n >= 100 ? `$${Math.round(n).toLocaleString('en-US')}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;
  const num = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toFixed(2))));
  const total = (d: ReturnType<typeof dollars>) => d.api + d.lambda + d.dynamodb + d.logs;

  const perThousand = Object.entries(actions).map(([name, u]) => {
    const k = add(zero(), u, 1000);
    const d = dollars(k);
    return `| ${name} | ${num(k.api)} | ${num(k.invocations)} | ${num(k.gbSeconds)} | ${num(k.readUnits)} | ${num(k.writeUnits)} | ${usd(total(d))} |`;
  });

  const month = (shoppers: number) => {
    const u = zero();
    for (const [name, perShopper] of Object.entries(SHOPPER_MONTH))
      add(u, actions[name as keyof typeof SHOPPER_MONTH], perShopper * shoppers);
    const d = dollars(u);
    const storageGb = (shoppers * 2_048) / 2 ** 30; // account + a year of entries ≈ 2 KB a shopper
    const secretReads = SECRET_READERS(shoppers) * SECRET_READS_PER_CONTAINER_MONTH;
    const fixed =
      PRICES.secretMonth +
      (secretReads / 10_000) * PRICES.secretCallsPer10k +
      METRIC_SERIES * PRICES.customMetricMonth +
      alarms * PRICES.alarmMonth;
    const rows: [string, string, number][] = [
      ['API Gateway', `${num(u.api)} requests`, d.api],
      ['Lambda', `${num(u.invocations)} invocations, ${num(u.gbSeconds)} GB-s`, d.lambda],
      ['DynamoDB requests', `${num(u.readUnits)} RRU, ${num(u.writeUnits)} WRU`, d.dynamodb],
      [
        'DynamoDB storage + PITR',
        `${storageGb.toFixed(2)} GB`,
        storageGb * (PRICES.storageGbMonth + PRICES.pitrGbMonth),
      ],
      ['CloudWatch Logs', `${num(logBytes(u) / 2 ** 30)} GB`, d.logs],
      [
        'Secret, metrics, alarms',
        `1 secret read ${num(secretReads)} times, ${METRIC_SERIES} metric series, ${alarms} alarms`,
        fixed,
      ],
    ];
    const sum = rows.reduce((s, [, , v]) => s + v, 0);
    return { rows, sum, actions: Object.values(SHOPPER_MONTH).reduce((s, n) => s + n, 0) * shoppers };
  };
  const small = month(10_000);
  const large = month(1_000_000);

  return `# Cost sheet

Generated by \`npm run bench\` from the calls it counts (docs/benchmarks.md, "Calls per request") and
AWS's public on-demand prices for us-east-1 (checked ${PRICES.pricesChecked}, no free tier; see
aws.amazon.com/api-gateway/pricing, /lambda/pricing, /dynamodb/pricing, /cloudwatch/pricing,
/secrets-manager/pricing). Lambda at the template's ${memoryMb} MB, arm64.

## Per 1,000 shopper actions

| action | API requests | Lambda invocations | GB-s | DynamoDB RRU | DynamoDB WRU | cost |
|---|---|---|---|---|---|---|
${perThousand.join('\n')}

Read units are what DynamoDB Local reports, raised to what AWS bills a point read per key even when
the key is missing (1 strongly consistent, 0.5 eventually consistent); write units follow AWS's rules from the items written (1 per
KB, twice inside a transaction), as DynamoDB Local under-reports transactions.
What each action includes:
- **view balance / history**: the API request, one authorizer run (the widget fetches a fresh
  current-customer JWT for every call, so API Gateway's ${authorizerCacheSeconds} s authorizer cache rarely hits) and the function.
- **redeem**: the same plus its mirror run (one BatchGetItem of the current balance and one BigCommerce upsert;
  at low traffic every change is its own stream batch, the worst case).
- **place an order**: three callbacks (created and two status changes) received and stored, three order
  events processed (one awards points; the others read the order record and find nothing to do) and
  the mirror run. BigCommerce's own API calls (one order read per event, one upsert per mirror batch) are free.

Assumed warm billed durations (ms; AWS durations cannot be measured on this machine): ${Object.entries(ASSUMED_MS)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}.
Order processing and the mirror wait on BigCommerce; their durations dominate Lambda's share.

## A month

Assumed activity of one shopper a month: ${Object.entries(SHOPPER_MONTH)
    .map(([k, v]) => `${v} × ${k}`)
    .join(', ')}.

| | 10,000 shoppers (${num(small.actions)} actions) | 1,000,000 shoppers (${num(large.actions)} actions) |
|---|---|---|
${small.rows.map(([name, quantity, value], i) => `| ${name} | ${quantity}: ${usd(value)} | ${large.rows[i]![1]}: ${usd(large.rows[i]![2])} |`).join('\n')}
| **total** | **${usd(small.sum)}** | **${usd(large.sum)}** |

API Gateway is the largest share at scale: an HTTP API (about a third of the REST price) would need a
Lambda authorizer of the REQUEST type and loses REST's gateway responses; kept as REST here, as DESIGN.md's architecture has it.
At 10k shoppers the fixed part dominates: ${METRIC_SERIES} custom metric series are $${(METRIC_SERIES * PRICES.customMetricMonth).toFixed(2)} of it
(the price of the business metrics and of the mirror-failure alarm built on them).
Logs assume ${LOG_BYTES_PER_INVOCATION.toLocaleString('en-US')} bytes per invocation and ${LOG_BYTES_PER_API_REQUEST} per API access log line; the secret is read
once per 5 minutes by each of ${SECRET_READERS(10_000)} (10k) or ${SECRET_READERS(1_000_000)} (1M) warm containers. No X-Ray: tracing is off
(docs/operations.md, "Tracing"). Cold starts add init time (billed since August 2025) on a small
share of invocations and are left out.
`;
}
