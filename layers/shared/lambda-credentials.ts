// Bundled into the layer in place of @aws-sdk/credential-provider-node (see build.ts). Lambda hands
// a function its role's credentials in the environment (container-style compute: behind
// AWS_CONTAINER_CREDENTIALS_*), so the default chain's SSO, INI, process and web-identity providers
// and their STS/SSO clients are dead weight there: ~130 KB and ~18 ms of every cold start.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { chain, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

// Remembered until five minutes before they expire, as the default chain does: the SDK asks for
// credentials several times per request (signing, account-based endpoints).
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider =>
  memoize(
    // fromHttp checks its environment when created: create it only when the environment has no keys.
    chain(fromEnv(init), () => fromHttp(init)()),
    (credentials) =>
      credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS,
    (credentials) => credentials.expiration !== undefined,
  );
