// Settings of the local stack (DESIGN §8). The development credentials and names come from env.json
// (the same file `sam local start-api --env-vars env.json` reads); ports and the rest have defaults
// here. Every value can be overridden from the process environment. The dev credentials are public
// by design: they only work against this local stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface LocalSettings {
  apiPort: number;
  dynamodbPort: number;
  sandboxPort: number;
  tableName: string;
  dynamodbEndpoint: string | undefined;
  region: string;
  clientId: string;
  clientSecret: string;
  storeHash: string;
  accessToken: string;
  webhookSecret: string;
  pointsAttribute: string;
  /** The sandbox's request budget per store per 30 s (BigCommerce plans: 150–450). */
  sandboxQuota: number;
  /** Storefront origins for CORS; by default the demo store's, which follows SANDBOX_PORT. */
  allowedOrigins: string;
  /** A real BigCommerce API (e.g. a sandbox store's) instead of the local sandbox, from BC_API_URL. */
  bcApiUrl: string | undefined;
}

/** env.json: per-function values and shared Parameters (read by `sam local start-api --env-vars` too). */
export const envJson = JSON.parse(readFileSync(join(repoRoot, 'env.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;

const DEFAULTS: Record<string, string> = {
  API_PORT: '3000',
  DYNAMODB_PORT: '8000',
  SANDBOX_PORT: '3100',
  BC_SANDBOX_QUOTA: '450',
  AWS_REGION: 'us-east-1',
  ...envJson.Parameters,
};

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const get = (name: string): string => env[name] || DEFAULTS[name] || '';
  const port = (name: string): number => {
    const value = Number(get(name));
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  const sandboxPort = port('SANDBOX_PORT');
  return {
    apiPort: port('API_PORT'),
    dynamodbPort: port('DYNAMODB_PORT'),
    sandboxPort,
    tableName: get('TABLE_NAME'),
    // env.json's endpoint is for SAM's Docker containers; locally only an explicit one counts.
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: get('AWS_REGION'),
    clientId: get('BC_CLIENT_ID'),
    clientSecret: get('BC_CLIENT_SECRET'),
    storeHash: get('BC_STORE_HASH'),
    accessToken: get('BC_ACCESS_TOKEN'),
    webhookSecret: get('BC_WEBHOOK_SECRET'),
    pointsAttribute: get('BC_POINTS_ATTRIBUTE'),
    sandboxQuota: Number(get('BC_SANDBOX_QUOTA')),
    // Not env.json's value (fixed to :3100 for SAM): the demo store's origin, as either host a browser may use.
    allowedOrigins:
      env.ALLOWED_ORIGINS || (sandboxPort ? `http://127.0.0.1:${sandboxPort},http://localhost:${sandboxPort}` : ''),
    bcApiUrl: env.BC_API_URL || undefined,
  };
}

/**
 * The token vault's local stand-in (docs/app.md): AES-256-GCM with its key in the git-ignored
 * .cache/, created on first use. In AWS, TOKEN_KEY_ID is the template's KMS key.
 */
export const LOCAL_TOKEN_KEY_ID = `local:${join(repoRoot, '.cache', 'token-vault.key')}`;

/**
 * The app's settings as the environment variables the core reads (dev credentials, table, names).
 * One list for every consumer — the local functions and the ops CLIs — so none of them misses one.
 */
export function appEnvironment(s: LocalSettings): Record<string, string> {
  return {
    TABLE_NAME: s.tableName,
    ALLOWED_ORIGINS: s.allowedOrigins,
    APP_SECRET_ARN: '',
    BC_CLIENT_ID: s.clientId,
    BC_CLIENT_SECRET: s.clientSecret,
    BC_STORE_HASH: s.storeHash,
    BC_ACCESS_TOKEN: s.accessToken,
    BC_POINTS_ATTRIBUTE: s.pointsAttribute,
    BC_WEBHOOK_SECRET: s.webhookSecret,
    TOKEN_KEY_ID: LOCAL_TOKEN_KEY_ID,
  };
}
