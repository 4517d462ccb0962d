// App credentials: Secrets Manager in AWS (cached, so a rotation reaches every container within
// SECRET_CACHE_SECONDS), plain environment variables in the local stack. Values never get logged.
import { getSecret } from './aws';
import { parseList, settings, z } from './config';

const storeHash = z.string().check(z.regex(/^[a-z0-9]{1,32}$/, 'store hash: lowercase letters and digits'));
const secretText = z.string().check(z.minLength(16));

/** The JSON kept in the app secret. `stores` maps each installed store hash to its access token. */
const appSecretSchema = z.object({
  clientId: z.string().check(z.minLength(1)),
  clientSecret: secretText,
  /** During a rotation: tokens signed with the previous secret are still accepted until it is removed. */
  previousClientSecret: z.optional(secretText),
  webhookSecret: z.optional(secretText),
  /** Single-store mode: API account tokens by store. Empty in app mode (tokens live in the store records). */
  stores: z._default(z.record(storeHash, z.string()), {}),
});

/** The app credentials, validated: client id and secret(s), webhook secret, installed stores' tokens. */
export type AppCredentials = z.infer<typeof appSecretSchema>;

function fromEnvironment(env: NodeJS.ProcessEnv): unknown {
  const token = env.BC_ACCESS_TOKEN ?? '';
  return {
    clientId: env.BC_CLIENT_ID,
    clientSecret: env.BC_CLIENT_SECRET,
    webhookSecret: env.BC_WEBHOOK_SECRET,
    stores: Object.fromEntries(parseList(env.BC_STORE_HASH).map((hash) => [hash, token])),
  };
}

// The last raw value and its validated form: getSecret hands back the same cached object until the
// secret is re-read, so the hot path (every authorizer call) validates once per secret version.
let last: { raw: unknown; credentials: AppCredentials } | undefined;
let fromEnv: unknown;

/** Reads and validates the app credentials. Never includes secret values in its errors. */
export async function appCredentials(): Promise<AppCredentials> {
  const { appSecretArn, secretCacheSeconds } = settings();
  if (!appSecretArn) fromEnv ??= fromEnvironment(process.env);
  const raw = appSecretArn ? await getSecret(appSecretArn, { transform: 'json', maxAge: secretCacheSeconds }) : fromEnv;
  if (last && last.raw === raw) return last.credentials;
  const parsed = appSecretSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new Error(`App credentials are missing or invalid (fields: ${fields})`);
  }
  last = { raw, credentials: parsed.data };
  return parsed.data;
}
