// The app's pure parts: the local token vault, BigCommerce's signed payloads, the admin shell page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { adminShellPage, errorPage, InvalidAppPayload, verifyAppPayload } from '../../layers/shared/src/app';
import { localVault } from '../../layers/shared/src/stores';
import { signAppPayload } from '../../local/app-payload';

const keyFile = () => join(mkdtempSync(join(tmpdir(), 'vault-')), 'key');

describe('the local token vault (AES-256-GCM stand-in of KMS)', () => {
  it('round-trips a token, never stores it in clear, and binds it to its store', async () => {
    const file = keyFile();
    const vault = localVault(file);
    const sealed = await vault.encrypt('abc123', 'secret-access-token');
    expect(sealed).not.toContain('secret-access-token');
    expect(await vault.encrypt('abc123', 'secret-access-token')).not.toBe(sealed);
    expect(await vault.decrypt('abc123', sealed)).toBe('secret-access-token');
    // The same key file (another container): same key.
    expect(await localVault(file).decrypt('abc123', sealed)).toBe('secret-access-token');
    // Copied onto another store's record, or under another key: refused.
    await expect(vault.decrypt('other1', sealed)).rejects.toThrow();
    await expect(localVault(keyFile()).decrypt('abc123', sealed)).rejects.toThrow();
  });
});

const app = { clientId: 'app-client', secrets: ['client-secret-0123456789'] };
const sign = (extra: Partial<Parameters<typeof signAppPayload>[0]> = {}) =>
  signAppPayload({
    clientId: app.clientId,
    clientSecret: app.secrets[0]!,
    storeHash: 'abc123',
    user: { id: 7, email: 'user@example.com' },
    owner: { id: 1, email: 'owner@example.com' },
    ...extra,
  });
const raw = (alg: string, secret: string, claims: Record<string, unknown>, subject = 'stores/abc123') =>
  new SignJWT({ user: { id: 7 }, jti: 'c5f0bcf5-a504-4ae6-8dcc-0e40eaa5a070', ...claims })
    .setProtectedHeader({ alg })
    .setIssuer('bc')
    .setAudience(app.clientId)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));

describe('signed_payload_jwt', () => {
  it('names the store, the user and the owner of a payload BigCommerce signed', async () => {
    const iat = Math.floor(Date.now() / 1000);
    expect(await verifyAppPayload(await sign({ issuedAt: iat }), app)).toEqual({
      storeHash: 'abc123',
      user: { id: 7, email: 'user@example.com' },
      owner: { id: 1, email: 'owner@example.com' },
      url: '/',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      issuedAt: iat,
      expiresAt: iat + 86_400,
    });
  });

  it('accepts the previous client secret during a rotation', async () => {
    const token = await sign({ clientSecret: 'previous-secret-0123456789' });
    await expect(verifyAppPayload(token, app)).rejects.toThrow(InvalidAppPayload);
    const rotating = { ...app, secrets: [...app.secrets, 'previous-secret-0123456789'] };
    expect((await verifyAppPayload(token, rotating)).storeHash).toBe('abc123');
  });

  it.each([
    [
      'another secret',
      () => sign({ clientSecret: 'forged-secret-0123456789' }),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ],
    ['expired', () => sign({ issuedAt: Math.floor(Date.now() / 1000) - 90_000 }), 'ERR_JWT_EXPIRED'],
    [
      'not yet valid',
      () => sign({ issuedAt: Math.floor(Date.now() / 1000) + 3600 }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    ],
    ['another app', () => sign({ clientId: 'other-app' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['HS512', () => raw('HS512', app.secrets[0]!, {}), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    ['a subject that is not a store', () => raw('HS256', app.secrets[0]!, {}, 'stores/../x'), 'bad subject'],
    ['no user', () => raw('HS256', app.secrets[0]!, { user: null }), 'no user'],
    // Without a jti a payload could not be spent: it would work again and again.
    ['no jti', () => raw('HS256', app.secrets[0]!, { jti: undefined }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['a jti that is no id', () => raw('HS256', app.secrets[0]!, { jti: 'a#b' }), 'bad jti'],
  ])('refuses a payload signed with %s', async (_case, make, reason) => {
    await expect(verifyAppPayload(await make(), app)).rejects.toMatchObject({ reason });
  });

  it('refuses alg none', async () => {
    const [, body] = (await sign()).split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    await expect(verifyAppPayload(none, app)).rejects.toThrow(InvalidAppPayload);
  });
});

describe('the admin shell page', () => {
  const boot = {
    session: 's.e.s',
    storeHash: 'abc123',
    user: { id: 7, email: '</script><x>' },
    apiBase: 'https://api.x/v1',
  };

  it('carries the boot JSON with no `<` that could end its script, and the admin module', () => {
    const page = adminShellPage(boot, 'https://*.bigcommerce.com');
    const json = /<script id="bc-loyalty-admin" type="application\/json">(.*?)<\/script>/s.exec(page.body)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(boot);
    expect(page.body).toContain('<script type="module" src="https://api.x/v1/admin/ui/admin.js"></script>');
    expect(page.body).toContain('<div id="root"></div>');
  });

  it("may be framed by its store's control panel only, is never cached and sends no referrer", () => {
    expect(adminShellPage(boot, 'https://*.bigcommerce.com').headers).toMatchObject({
      // Both control panels: store-{hash}.mybigcommerce.com/manage and *.bigcommerce.com.
      'Content-Security-Policy': expect.stringContaining(
        'frame-ancestors https://store-abc123.mybigcommerce.com https://*.bigcommerce.com;',
      ),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    expect(adminShellPage(boot, 'https://*.bigcommerce.com').headers!['Content-Security-Policy']).not.toContain(
      'https://*.mybigcommerce.com',
    );
  });

  it('lets any control panel frame an error page (nothing in it to take), and nothing else', () => {
    expect(errorPage(401, 'No.', 'https://*.bigcommerce.com').headers).toMatchObject({
      'Content-Security-Policy': expect.stringContaining(
        'frame-ancestors https://*.mybigcommerce.com https://*.bigcommerce.com;',
      ),
    });
  });
});
