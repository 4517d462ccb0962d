// Attacks on the token: a corpus of header tricks through the local API, and property-based fuzzing
// of the authorizer: never a 500, and never an accept that jose with our options would refuse.
import { request } from 'node:http';
import fc from 'fast-check';
import { jwtVerify, SignJWT } from 'jose';
import type { APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { startTestStack, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE, tokenFor } from '../support/environment';
import { tokenClaims } from '../support/tokens';

let stack: LocalStack;
let authorize: (event: APIGatewayTokenAuthorizerEvent, context: Context) => Promise<unknown>;
const secret = new TextEncoder().encode(TEST_CLIENT_SECRET);
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:api/v1/GET/points';
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

beforeAll(async () => {
  stack = await startTestStack();
  Object.assign(process.env, {
    BC_CLIENT_ID: TEST_CLIENT_ID,
    BC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    BC_STORE_HASH: TEST_STORE,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  authorize = ((await import('../../functions/authorizer/index')) as unknown as { handler: typeof authorize }).handler;
});
afterAll(async () => {
  await stack?.stop();
});

/** A token whose parts we write by hand, signed with the right secret over exactly those bytes. */
async function handMade(headerJson: string, payloadJson: string): Promise<string> {
  const input = `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}`;
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = Buffer.from(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input))).toString(
    'base64url',
  );
  return `${input}.${signature}`;
}

const viaApi = (authorization: string) =>
  fetch(`${stack.apiUrl}/points`, { headers: { Authorization: authorization } });

describe('token attack corpus (through the local API)', () => {
  const attacks: Array<[string, () => Promise<string>]> = [
    // kid/jku/x5u must not choose the key: signed with the attacker's secret, they stay refused
    [
      'kid naming another key',
      async () =>
        `Bearer ${await new SignJWT(tokenClaims()).setProtectedHeader({ alg: 'HS256', kid: 'attacker' }).sign(new TextEncoder().encode('attacker-secret-0123456789abcdef'))}`,
    ],
    [
      'jku to an attacker key set',
      async () =>
        `Bearer ${await new SignJWT(tokenClaims()).setProtectedHeader({ alg: 'HS256', jku: 'https://evil.example/jwks.json' } as never).sign(new TextEncoder().encode('attacker-secret-0123456789abcdef'))}`,
    ],
    [
      'x5u to an attacker certificate',
      async () =>
        `Bearer ${await new SignJWT(tokenClaims()).setProtectedHeader({ alg: 'HS256', x5u: 'https://evil.example/cert.pem' } as never).sign(new TextEncoder().encode('attacker-secret-0123456789abcdef'))}`,
    ],
    [
      'crit with an unknown extension',
      async () =>
        `Bearer ${await handMade('{"alg":"HS256","crit":["x-evil"],"x-evil":true}', JSON.stringify(tokenClaims()))}`,
    ],
    [
      'b64:false (unencoded payload)',
      async () =>
        `Bearer ${await handMade('{"alg":"HS256","b64":false,"crit":["b64"]}', JSON.stringify(tokenClaims()))}`,
    ],
    ['alg None in mixed case', async () => `Bearer ${b64({ alg: 'None' })}.${b64(tokenClaims())}.`],
    [
      'alg HS256 but an RS256-looking signature',
      async () => `Bearer ${b64({ alg: 'RS256' })}.${b64(tokenClaims())}.${b64('x'.repeat(256))}`,
    ],
    [
      'duplicate claims: a forged later customer',
      async () => {
        const token = await tokenFor(7);
        const [h, p] = token.split('.');
        const payload = Buffer.from(p!, 'base64url').toString().replace(/}$/, ',"customer":{"id":1}}');
        return `Bearer ${h}.${Buffer.from(payload).toString('base64url')}.${token.split('.')[2]}`;
      },
    ],
    [
      'a large token (6 KB)',
      async () => `Bearer ${b64({ alg: 'HS256' })}.${b64({ pad: 'x'.repeat(4_500) })}.${b64('sig')}`,
    ],
    [
      'non-UTF-8 payload bytes',
      async () =>
        `Bearer ${b64({ alg: 'HS256' })}.${Buffer.from([0xff, 0xfe, 0xfd, 0x80]).toString('base64url')}.${b64('sig')}`,
    ],
    ['a newline inside', async () => `Bearer ${(await tokenFor(7)).replace('.', '.\t')}`],
    ['lowercase bearer', async () => `bearer ${await tokenFor(7)}`],
    ['two tokens', async () => `Bearer ${await tokenFor(7)} Bearer ${await tokenFor(8)}`],
    [
      'a JWE-shaped five-part token',
      async () => `Bearer ${b64({ alg: 'dir', enc: 'A256GCM' })}..${b64('iv')}.${b64('ct')}.${b64('tag')}`,
    ],
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

describe('authorizer fuzzing', () => {
  const call = async (authorizationToken: string) => {
    try {
      await authorize({ type: 'TOKEN', authorizationToken, methodArn: METHOD_ARN }, {} as Context);
      return 'allow';
    } catch (error) {
      return (error as Error).message === 'Unauthorized' ? 'deny' : `error: ${(error as Error).message}`;
    }
  };

  it('answers every random header with allow or Unauthorized, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
          fc
            .tuple(fc.base64String(), fc.base64String(), fc.base64String())
            .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`.replace(/[+/=]/g, '')),
        ),
        async (header) => {
          expect(['allow', 'deny']).toContain(await call(header));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never accepts a mutated token that jose with our options would refuse', async () => {
    const valid = await tokenFor(7);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...alphabet)), {
          minLength: 1,
          maxLength: 4,
        }),
        async (edits) => {
          const chars = [...valid];
          for (const [at, c] of edits) chars[at] = c;
          const token = chars.join('');
          const outcome = await call(`Bearer ${token}`);
          expect(outcome === 'allow' || outcome === 'deny').toBe(true);
          if (outcome === 'allow') {
            // only a no-op edit (or an equivalent base64url tail) may still pass, and then jose agrees
            await expect(
              jwtVerify(token, secret, { algorithms: ['HS256'], audience: TEST_CLIENT_ID, issuer: 'bc/apps' }),
            ).resolves.toBeDefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
