// The install's token exchange (apps-guide/auth.mdx): the `code` of the auth callback, with the
// app's client id and secret and the registered redirect URI, becomes the store's access token at
// {BC_LOGIN_URL}/oauth2/token. A code works once: a replayed or expired one is BigCommerce's 4xx,
// answered to the merchant as a 400 page, never a 500.
import { DomainError, ValidationError } from '../errors';
import { backoffMs, sleep } from '../retry';

/** What the token endpoint answers (the fields we keep; the rest is ignored). */
export interface TokenGrant {
  access_token: string;
  scope: string;
  user: { id: number; email?: string };
  owner?: { id: number; email?: string };
  context: string;
  account_uuid?: string;
}

/** The exchange's input: the callback's query and the app's own credentials. */
export interface CodeExchange {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  scope: string;
  context: string;
  redirectUri: string;
}

const ATTEMPTS = 3;

/** The grant, if it is for the store the callback named: the store hash comes from the query. */
function grantFor(grant: TokenGrant, context: string): TokenGrant {
  if (grant.context === context) return grant;
  throw new ValidationError(
    'BigCommerce granted this install for another store. Open the app again from the control panel.',
  );
}

function isGrant(value: unknown): value is TokenGrant {
  const v = value as Partial<TokenGrant> | null;
  return (
    typeof v?.access_token === 'string' &&
    v.access_token.length > 0 &&
    typeof v.scope === 'string' &&
    typeof v.context === 'string' &&
    typeof v.user?.id === 'number'
  );
}

/**
 * Exchanges the code for the store's token; retries BigCommerce's 5xx and network failures twice.
 *
 * @throws ValidationError (400) when BigCommerce refuses the code (used, expired, not ours) or
 *   grants it for another store than `context`;
 *   DomainError SERVICE_UNAVAILABLE (503) when it cannot be reached.
 */
export async function exchangeCode(input: CodeExchange): Promise<TokenGrant> {
  const { loginUrl, ...body } = input;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch(`${loginUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          client_id: body.clientId,
          client_secret: body.clientSecret,
          code: body.code,
          scope: body.scope,
          context: body.context,
          grant_type: 'authorization_code',
          redirect_uri: body.redirectUri,
        }),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      response = undefined;
    }
    if (response && response.status < 500) {
      const answer: unknown = await response.json().catch(() => undefined);
      if (response.ok && isGrant(answer)) return grantFor(answer, body.context);
      throw new ValidationError(
        'BigCommerce did not accept this install link (it was used already or has expired). Open the app again from the control panel.',
      );
    }
    if (attempt >= ATTEMPTS)
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'BigCommerce could not be reached to finish the install; try again.',
      );
    await sleep(backoffMs(attempt, 200, 2_000));
  }
}
