// Every setting read once, typed and validated at cold start (DESIGN §8).
// Secret values (client secret, access tokens) are not here: see secrets.ts.
// zod/mini: the same validation as classic zod at ~12 KB instead of ~450 KB (cold start; see
// docs/benchmarks.md). Mini loads no messages by default: English is registered here, once.
import en from 'zod/v4/locales/en.js';
import * as z from './zod';

z.config(en());

/** zod is bundled once, here; other modules of the layer import it from config. */
export { z };

/** A comma-separated list, trimmed, empty items dropped (exported as parseList). */
const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** What a points-per-currency-unit rate looks like (EARN_POINTS_PER_UNIT, a store's own setting). */
export const POINTS_PER_UNIT = /^\d{1,6}(\.\d{1,6})?$/;

const settingsSchema = z.object({
  TABLE_NAME: z._default(z.string().check(z.minLength(3)), 'PointsTable'),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  ALLOWED_ORIGINS: z._default(z.string(), ''),
  APP_SECRET_ARN: z.optional(z.string()),
  BC_API_URL: z._default(z.url(), 'https://api.bigcommerce.com'),
  BC_POINTS_ATTRIBUTE: z._default(z.string().check(z.minLength(1), z.maxLength(255)), 'Loyalty points'),
  EARN_POINTS_PER_UNIT: z._default(z.string().check(z.regex(POINTS_PER_UNIT, 'a non-negative decimal')), '1'),
  EARN_STATUS_IDS: z._default(z.string(), '2,10'),
  REVERSE_STATUS_IDS: z._default(z.string(), '4,5'),
  BC_LOGIN_URL: z._default(z.url(), 'https://login.bigcommerce.com'),
  TOKEN_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  APP_BASE_URL: z.optional(z.url()),
  APP_FRAME_ANCESTORS: z._default(z.string(), 'https://*.bigcommerce.com'),
  SECRET_CACHE_SECONDS: z
    ._default(z.pipe(z.string().check(z.regex(/^\d{1,4}$/, 'whole seconds')), z.transform(Number)), 300)
    .check(z.maximum(3600)),
  BC_QUOTA_RESERVE: z._default(
    z.pipe(z.string().check(z.regex(/^0(\.\d{1,4})?$/, 'a fraction from 0 to 0.9999')), z.transform(Number)),
    0.2,
  ),
  BC_QUOTA_WINDOW_MS: z._default(
    z.pipe(z.string().check(z.regex(/^[1-9]\d{1,5}$/, 'milliseconds')), z.transform(Number)),
    30_000,
  ),
  STORE_RETENTION_DAYS: z._default(
    z.pipe(z.string().check(z.regex(/^[1-9]\d{0,4}$/, 'whole days, at least 1')), z.transform(Number)),
    90,
  ),
});

// The template declares these two as '' (for `sam local`): empty means "not set". Every other
// variable keeps its value, so EARN_STATUS_IDS='' really turns earning off.
const EMPTY_MEANS_UNSET = ['DYNAMODB_ENDPOINT', 'APP_SECRET_ARN', 'TOKEN_KEY_ID', 'APP_BASE_URL'];
const setVariables = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([k, v]) => !(v === '' && EMPTY_MEANS_UNSET.includes(k))));

/** The validated settings of a function (from its environment variables; see template.yaml). */
export interface Settings {
  tableName: string;
  dynamodbEndpoint: string | undefined;
  allowedOrigins: string[];
  /** Secrets Manager secret with the app credentials; absent in the local stack (env is used). */
  appSecretArn: string | undefined;
  secretCacheSeconds: number;
  /** Management API origin; calls go to {bcApiUrl}/stores/{hash}/v3/… */
  bcApiUrl: string;
  pointsAttribute: string;
  /** The fraction of each store's BigCommerce quota left to the merchant's other apps (quota/policy.ts). */
  quotaReserve: number;
  /**
   * BigCommerce's rate-limit window until an answer tells it (30 s); a bench's local stack sets its
   * sandbox's shrunken window, so a cold container's first call counts in the right window.
   */
  quotaWindowMs: number;
  earning: { pointsPerUnit: string; earnStatusIds: number[]; reverseStatusIds: number[] };
  /** BigCommerce's login origin: the app's OAuth code is exchanged at {bcLoginUrl}/oauth2/token. */
  bcLoginUrl: string;
  /**
   * The token vault's key: a KMS key id/ARN/alias in AWS, or `local:<file>` for the local stand-in
   * (AES-256-GCM, key in that file). Unset in functions that must never read a store's token.
   */
  tokenKeyId: string | undefined;
  /** The app's public base URL (callbacks, admin UI) when not `https://{API domain}/{stage}`. */
  appBaseUrl: string | undefined;
  /** Who may frame the app's pages (CSP frame-ancestors): BigCommerce's control panel. */
  appFrameAncestors: string;
  /** Days an uninstalled store's data is kept before the retention job deletes it (stores/purge-stores.ts). */
  storeRetentionDays: number;
}

const statusIds = (value: string): number[] =>
  list(value)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 0);

/**
 * Reads and validates the settings from `env` (defaults for anything unset).
 *
 * @throws Error naming every invalid variable (never its value) — at cold start, so a bad deploy fails fast.
 * @example
 * const { tableName, earning } = readSettings({ TABLE_NAME: 'PointsTable', EARN_POINTS_PER_UNIT: '2' });
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(setVariables(env));
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const s = parsed.data;
  return {
    tableName: s.TABLE_NAME,
    dynamodbEndpoint: s.DYNAMODB_ENDPOINT,
    allowedOrigins: list(s.ALLOWED_ORIGINS),
    appSecretArn: s.APP_SECRET_ARN,
    secretCacheSeconds: s.SECRET_CACHE_SECONDS,
    bcApiUrl: s.BC_API_URL,
    pointsAttribute: s.BC_POINTS_ATTRIBUTE,
    quotaReserve: s.BC_QUOTA_RESERVE,
    quotaWindowMs: s.BC_QUOTA_WINDOW_MS,
    earning: {
      pointsPerUnit: s.EARN_POINTS_PER_UNIT,
      earnStatusIds: statusIds(s.EARN_STATUS_IDS),
      reverseStatusIds: statusIds(s.REVERSE_STATUS_IDS),
    },
    bcLoginUrl: s.BC_LOGIN_URL.replace(/\/+$/, ''),
    tokenKeyId: s.TOKEN_KEY_ID,
    appBaseUrl: s.APP_BASE_URL?.replace(/\/+$/, ''),
    appFrameAncestors: s.APP_FRAME_ANCESTORS,
    storeRetentionDays: s.STORE_RETENTION_DAYS,
  };
}

let cached: Settings | undefined;
/** The settings of this container, read on first use. */
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}

export { list as parseList };
