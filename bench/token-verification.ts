// Token verification, sequential in one process: the physical limit (raw HMAC-SHA256 of the same
// token), jose with raw bytes, jose with a pre-imported CryptoKey, jsonwebtoken, fast-jwt, and our
// authorizer handler (bearer parsing, every claim check, the policy).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { createVerifier } from 'fast-jwt';
import type { APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { signCurrentCustomerToken } from '../local/current-customer-token';
import { median, microsPerOpInterleaved } from './measure';

interface TokenResult {
  name: string;
  micros: number;
  rounds: number[];
}

/** The process environment must already hold the app credentials (BC_CLIENT_ID, BC_CLIENT_SECRET, BC_STORE_HASH). */
export async function benchTokenVerification(
  clientId: string,
  clientSecret: string,
  storeHash: string,
): Promise<TokenResult[]> {
  const token = await signCurrentCustomerToken({ clientId, clientSecret, storeHash, customerId: 42 });
  const secretBytes = new TextEncoder().encode(clientSecret);
  const cryptoKey = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
  const options = { algorithms: ['HS256'], audience: clientId, issuer: 'bc/apps' };
  const [signingInput, signature] = [
    token.slice(0, token.lastIndexOf('.')),
    Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url'),
  ];
  const fastVerify = createVerifier({
    key: clientSecret,
    algorithms: ['HS256'],
    allowedAud: clientId,
    allowedIss: 'bc/apps',
    cache: false,
  });
  const { handler } = await import('../functions/authorizer/index');
  const event: APIGatewayTokenAuthorizerEvent = {
    type: 'TOKEN',
    authorizationToken: `Bearer ${token}`,
    methodArn: 'arn:aws:execute-api:us-east-1:1:api/v1/GET/points',
  };

  const variants: Array<[string, () => unknown]> = [
    [
      'node:crypto HMAC-SHA256 verify (the limit)',
      () => timingSafeEqual(createHmac('sha256', secretBytes).update(signingInput).digest(), signature),
    ],
    ['jose, raw secret bytes', () => jwtVerify(token, secretBytes, options)],
    ['jose, pre-imported CryptoKey', () => jwtVerify(token, cryptoKey, options)],
    [
      'jsonwebtoken',
      () => jsonwebtoken.verify(token, clientSecret, { algorithms: ['HS256'], audience: clientId, issuer: 'bc/apps' }),
    ],
    ['fast-jwt (cache off)', () => fastVerify(token)],
    [
      'our authorizer handler',
      () => (handler as (e: APIGatewayTokenAuthorizerEvent, c: Context) => Promise<unknown>)(event, {} as Context),
    ],
  ];
  const rounds = await microsPerOpInterleaved(variants.map(([, op]) => op));
  return variants.map(([name], i) => ({ name, micros: median(rounds[i]!), rounds: rounds[i]! }));
}
