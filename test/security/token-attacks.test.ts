// Token attacks that live at the HTTP level (an oversized header, two Authorization headers) and
// samples of the corpus, through the local API. The corpus and the fuzzing run in the unit tier
// (test/unit/token-attacks.test.ts).
import { request } from 'node:http';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { startTestStack, tokenFor } from '../support/environment';
import { tokenClaims } from '../support/tokens';

let stack: LocalStack;
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const viaApi = (authorization: string) =>
  fetch(`${stack.apiUrl}/points`, { headers: { Authorization: authorization } });

describe('token attacks through the local API', () => {
  // The whole corpus runs in the unit tier (test/unit/token-attacks.test.ts); these show the local
  // API Gateway answers them the same way.
  const attacks: Array<[string, () => Promise<string>]> = [
    [
      'kid naming another key',
      async () =>
        `Bearer ${await new SignJWT(tokenClaims()).setProtectedHeader({ alg: 'HS256', kid: 'attacker' }).sign(new TextEncoder().encode('attacker-secret-0123456789abcdef'))}`,
    ],
    ['a newline inside', async () => `Bearer ${(await tokenFor(7)).replace('.', '.\t')}`],
    ['two tokens', async () => `Bearer ${await tokenFor(7)} Bearer ${await tokenFor(8)}`],
  ];

  it.each(attacks)('refuses %s with 401', async (_, make) => {
    const response = await viaApi(await make());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('answers a 64 KB header with a 4xx, not a 500', async () => {
    const response = await viaApi(`Bearer ${b64({ alg: 'HS256' })}.${b64({ pad: 'x'.repeat(48_000) })}.${b64('sig')}`);
    expect([401, 431]).toContain(response.status);
  });

  it('does not accept two Authorization headers, and never answers 500', async () => {
    const good = await tokenFor(7);
    const url = new URL(`${stack.apiUrl}/points`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: url.pathname,
          method: 'GET',
          headers: [
            ['Authorization', `Bearer ${good}`],
            ['Authorization', 'Bearer a.b.c'],
          ] as unknown as Record<string, string>,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});
