// Attacks on the token, in process against the deployed authorizer's gates (the template's
// validation expression, then the handler): a corpus of forged headers and property-based fuzzing —
// never an error other than Unauthorized, and never an accept that jose with our options would
// refuse. test/security/token-attacks.test.ts sends the HTTP-level tricks through the local API.
import fc from 'fast-check';
import { jwtVerify, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerHandler, decisionOf, gatewayAuthorize, loadAuthorizer } from '../support/authorizer';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, tokenClaims, tokenFor } from '../support/tokens';

let handler: AuthorizerHandler;
beforeAll(async () => {
  handler = await loadAuthorizer();
});
const secret = new TextEncoder().encode(TEST_CLIENT_SECRET);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const call = (authorizationToken: string) => decisionOf(handler, authorizationToken);

/** A token whose parts we write by hand, signed with the right secret over exactly those bytes. */
async function handMade(headerJson: string, payloadJson: string): Promise<string> {
  const input = `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}`;
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = Buffer.from(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input))).toString(
    'base64url',
  );
  return `${input}.${signature}`;
}

describe('token attack corpus', () => {
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

  it.each(attacks)('refuses %s', async (_, make) => {
    expect(await gatewayAuthorize(handler, await make())).toBe(401);
  });
});

describe('authorizer fuzzing', () => {
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
