// `Authorization: Bearer <jws compact>`; anything else is no token at all.
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const MAX_TOKEN_LENGTH = 8192;

/** The token of an `Authorization: Bearer <jws>` header, or undefined for anything else (no throw). */
export function parseBearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > MAX_TOKEN_LENGTH) return undefined;
  return BEARER.exec(header)?.[1];
}
