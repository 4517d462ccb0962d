// The environment the ops CLIs run in. With APP_SECRET_ARN set they work on AWS as configured by
// the environment (TABLE_NAME, BC_API_URL, AWS credentials); otherwise on the running local stack,
// with the same settings `npm start` uses.
import { appEnvironment, localSettings } from '../settings';

/**
 * Points the process at AWS or the local stack. `defaultStore` is the local stack's first store
 * (what `--store` defaults to locally); on AWS there is none.
 */
export function useCliEnvironment(): { local: boolean; defaultStore?: string } {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (process.env.APP_SECRET_ARN) return { local: false };
  const s = localSettings();
  Object.assign(process.env, {
    ...appEnvironment(s),
    DYNAMODB_ENDPOINT: s.dynamodbEndpoint ?? `http://127.0.0.1:${s.dynamodbPort}`,
    BC_API_URL: s.bcApiUrl ?? `http://127.0.0.1:${s.sandboxPort}`,
  });
  process.env.AWS_REGION ??= s.region;
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  return { local: true, defaultStore: process.env.BC_STORE_HASH?.split(',')[0] };
}
