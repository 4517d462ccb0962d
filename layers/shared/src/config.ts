// Every setting read once, typed and validated at cold start (DESIGN §8).
// Secret values (client secret, access tokens) are not here: see secrets.ts.
import { z } from 'zod';

/** zod is bundled once, here; other modules of the layer import it from config. */
export { z };

const list = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);

// An empty variable means "not set" (the template declares some as '' for `sam local`).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const settingsSchema = z.object({
  TABLE_NAME: z.string().min(3).default('PointsTable'),
  DYNAMODB_ENDPOINT: optional(z.string().url()),
  ALLOWED_ORIGINS: z.string().default(''),
  APP_SECRET_ARN: optional(z.string()),
  BC_API_URL: z.string().url().default('https://api.bigcommerce.com'),
  BC_POINTS_ATTRIBUTE: z.string().min(1).max(255).default('Loyalty points'),
  EARN_POINTS_PER_UNIT: z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'a non-negative decimal').default('1'),
  EARN_STATUS_IDS: z.string().default('2,10'),
  REVERSE_STATUS_IDS: z.string().default('4,5'),
  SECRET_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
});

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
  earning: { pointsPerUnit: string; earnStatusIds: number[]; reverseStatusIds: number[] };
}

const statusIds = (value: string): number[] => list(value).map(Number).filter((n) => Number.isInteger(n) && n >= 0);

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
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
    earning: { pointsPerUnit: s.EARN_POINTS_PER_UNIT, earnStatusIds: statusIds(s.EARN_STATUS_IDS), reverseStatusIds: statusIds(s.REVERSE_STATUS_IDS) },
  };
}

let cached: Settings | undefined;
/** The settings of this container, read on first use. */
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}

export { list as parseList };
