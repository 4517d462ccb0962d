// The AWS path of the credentials: Secrets Manager (here a stand-in endpoint speaking its JSON
// protocol), cached for SECRET_CACHE_SECONDS, re-read after, and never echoing a secret in errors.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { portOf } from '../local/ports';

let server: Server;
let calls = 0;
let secretString = '';
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bc-loyalty-app-AbCdEf';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      calls++;
      expect(req.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(JSON.parse(body)).toMatchObject({ SecretId: secretArn });
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ ARN: secretArn, Name: 'bc-loyalty-app', SecretString: secretString, VersionId: `v${calls}` }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  Object.assign(process.env, {
    APP_SECRET_ARN: secretArn,
    SECRET_CACHE_SECONDS: '60',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${portOf(server)}`,
  });
});
afterAll(() => {
  server.close();
  vi.useRealTimers();
});

const secret = (clientSecret: string) =>
  JSON.stringify({ clientId: 'app', clientSecret, webhookSecret: 'w'.repeat(32), stores: { abc123: 'token-1' } });

describe('app credentials from Secrets Manager', () => {
  it('reads the secret once per cache period and re-imports the key after a rotation', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { currentVerificationKey } = await import('@bc-loyalty/shared/identity');
    secretString = secret('first-secret-0123456789');
    const first = await currentVerificationKey();
    const again = await currentVerificationKey();
    expect(calls).toBe(1);
    expect(again.key).toBe(first.key);
    expect(first.isInstalledStore('abc123')).toBe(true);
    expect(first.isInstalledStore('other')).toBe(false);

    secretString = secret('rotated-secret-0123456789');
    vi.setSystemTime(Date.now() + 61_000);
    const rotated = await currentVerificationKey();
    expect(calls).toBe(2);
    expect(rotated.key).not.toBe(first.key);
  });

  it('accepts tokens signed with the previous client secret while a rotation is under way', async () => {
    const { currentVerificationKey, verifyCurrentCustomerToken } = await import('@bc-loyalty/shared/identity');
    const { signCurrentCustomerToken } = await import('../local/current-customer-token');
    const sign = (clientSecret: string) =>
      signCurrentCustomerToken({ clientId: 'app', clientSecret, storeHash: 'abc123', customerId: 9 });
    secretString = JSON.stringify({
      clientId: 'app',
      clientSecret: 'new-secret-0123456789',
      previousClientSecret: 'old-secret-0123456789',
      stores: { abc123: 't' },
    });
    vi.setSystemTime(Date.now() + 200_000);
    await expect(
      verifyCurrentCustomerToken(await sign('new-secret-0123456789'), await currentVerificationKey()),
    ).resolves.toMatchObject({ customerId: 9 });
    await expect(
      verifyCurrentCustomerToken(await sign('old-secret-0123456789'), await currentVerificationKey()),
    ).resolves.toMatchObject({ customerId: 9 });
    await expect(
      verifyCurrentCustomerToken(await sign('other-secret-0123456789'), await currentVerificationKey()),
    ).rejects.toThrow(/invalid/);
    secretString = JSON.stringify({ clientId: 'app', clientSecret: 'new-secret-0123456789', stores: { abc123: 't' } });
    vi.setSystemTime(Date.now() + 200_000);
    await expect(
      verifyCurrentCustomerToken(await sign('old-secret-0123456789'), await currentVerificationKey()),
    ).rejects.toThrow(/invalid/);
  });

  it('names the bad fields of an invalid secret without echoing any value', async () => {
    const { appCredentials } = await import('@bc-loyalty/shared/secrets');
    secretString = JSON.stringify({ clientId: 'app', clientSecret: 'short', stores: {} });
    vi.setSystemTime(Date.now() + 120_000);
    const error = await appCredentials().catch((e: Error) => e);
    expect(String(error)).toMatch(/clientSecret/);
    expect(String(error)).not.toMatch(/short/);
  });
});
