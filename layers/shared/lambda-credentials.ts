// Bundled into the layer in place of @aws-sdk/credential-provider-node (see build.ts). Lambda hands
// a function its role's credentials in the environment (container-style compute: behind
// AWS_CONTAINER_CREDENTIALS_*), so the default chain's SSO, INI, process and web-identity providers
// and their STS/SSO clients are dead weight there: ~130 KB and ~18 ms of every cold start.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { chain } from '@smithy/core/config';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider =>
  // fromHttp checks its environment when created: create it only when the environment has no keys.
  chain(fromEnv(init), () => fromHttp(init)());
