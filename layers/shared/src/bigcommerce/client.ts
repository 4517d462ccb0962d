// The BigCommerce Management API client: X-Auth-Token, JSON, base {apiUrl}/stores/{hash}; paths
// name their version (/v3/customers/…, /v2/orders/…).
// Retries 429 after X-Rate-Limit-Time-Reset-Ms, 5xx, timeouts and dropped connections with jittered
// backoff; never retries another 4xx, nor past the caller's deadline. Errors say which call failed
// and why. Every request (retries included) first draws a unit from the store's budget, when one
// is given (quota/store-budget.ts: shared by all our functions through the table), at the call's
// priority, and its answer's X-Rate-Limit-* headers teach the budget.
import type { BudgetGrant, CallBudget, CallPriority } from '../quota';
import { rateLimitOf } from '../quota/policy';
import { backoffMs, sleep } from '../retry';
import { limiterFor } from './store-limiter';

/** Where and how a client calls: the API origin, the store and its token, and the retry limits. */
export interface BigCommerceClientOptions {
  apiUrl: string;
  storeHash: string;
  accessToken: string;
  /** Who the calls serve: a lower priority yields the store's budget to higher ones (quota/policy.ts). */
  priority: CallPriority;
  /** The store's request budget shared by our functions; without one, only the headers pace the calls. */
  budget?: CallBudget;
  /** Per request; BigCommerce usually answers in well under a second. */
  timeoutMs?: number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** Called for every HTTP request sent (counting, metrics). */
  onRequest?: (operation: string) => void;
  /**
   * Epoch ms the calls must not outlive (a stream consumer's invocation end, with a margin): no
   * retry starts that could not finish by then, and each request's timeout is cut to fit.
   */
  deadline?: number;
}

/** A failed call: which operation, the HTTP status (none for timeouts and network errors), whether a retry may help. */
export class BigCommerceError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    detail: string,
    readonly retryable: boolean,
  ) {
    super(`BigCommerce ${operation} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`);
    this.name = 'BigCommerceError';
  }
}

/**
 * The catch of a delete another run may have done first: gone already (404) is done; any other
 * error is thrown. `await client.call('deleteScript', 'DELETE', path).catch(goneIsDone)`
 */
export function goneIsDone(error: unknown): void {
  if (!(error instanceof BigCommerceError && error.status === 404)) throw error;
}

/** A Management API client bound to one store; see bigCommerceClient. */
export interface BigCommerceClient {
  readonly storeHash: string;
  call<T>(
    operation: string,
    method: string,
    path: string,
    options?: { query?: Record<string, string>; body?: unknown },
  ): Promise<T>;
}

/** One attempt's result: the parsed body, or the error and how long BigCommerce asked us to wait. */
type Outcome = { value?: unknown; retryAfterMs?: number; error: BigCommerceError | undefined };

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
/** A request given less time than this is not sent: it could not get an answer. */
const MIN_REQUEST_MS = 200;

async function describeFailure(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { title?: string; errors?: Record<string, string> };
    const details = body.errors
      ? Object.entries(body.errors)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')
      : '';
    return [body.title, details].filter(Boolean).join(' — ') || text.slice(0, 200);
  } catch {
    return text.slice(0, 200) || response.statusText;
  }
}

/**
 * A client for one store. `call` sends one operation (named as in BigCommerce's OpenAPI files, for
 * errors and metrics) and returns the parsed JSON body (undefined for an empty one).
 *
 * @throws BigCommerceError from `call` for a 4xx other than 429 at once, else after the retries.
 * @example
 * const client = bigCommerceClient({ apiUrl, storeHash, accessToken });
 * const order = await client.call<BigCommerceOrder>('getOrder', 'GET', `/v2/orders/${id}`);
 */
export function bigCommerceClient(options: BigCommerceClientOptions): BigCommerceClient {
  const { apiUrl, storeHash, accessToken, timeoutMs = 10_000, maxAttempts = 5, onRequest, deadline } = options;
  const { priority, budget } = options;
  const base = `${apiUrl.replace(/\/$/, '')}/stores/${encodeURIComponent(storeHash)}`;
  // Slots per store and priority: a mirror call waiting for budget never holds up a reward call.
  const limiter = limiterFor(`${storeHash}/${priority}`);

  async function attempt(
    operation: string,
    method: string,
    url: string,
    body: unknown,
    grant: BudgetGrant | undefined,
  ): Promise<Outcome> {
    const timeout = Math.min(timeoutMs, deadline === undefined ? timeoutMs : deadline - Date.now());
    if (timeout < MIN_REQUEST_MS) {
      return { error: new BigCommerceError(operation, undefined, 'no time left in this invocation', true) };
    }
    let response: Response;
    try {
      onRequest?.(operation);
      response = await fetch(url, {
        method,
        headers: { 'X-Auth-Token': accessToken, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeout} ms`
          : `connection failed (${(error as Error).message})`;
      return { error: new BigCommerceError(operation, undefined, reason, true) };
    }
    // A 429 pauses this container until the reset (below); other answers tell other apps' use.
    const limit = rateLimitOf((name) => response.headers.get(name));
    if (grant && response.status !== 429) budget?.observe(limit, grant);
    const resetMs = Number(response.headers.get('x-rate-limit-time-reset-ms'));
    if (response.headers.get('x-rate-limit-requests-left') === '0' && resetMs > 0) limiter.pauseFor(resetMs);
    if (response.status === 429) {
      const wait = resetMs > 0 ? resetMs : undefined;
      if (wait) limiter.pauseFor(wait);
      return { retryAfterMs: wait, error: new BigCommerceError(operation, 429, 'rate limited', true) };
    }
    if (!response.ok) {
      return {
        error: new BigCommerceError(
          operation,
          response.status,
          await describeFailure(response),
          response.status >= 500,
        ),
      };
    }
    const text = await response.text();
    return { value: text ? JSON.parse(text) : undefined, error: undefined };
  }

  /**
   * One request under a unit of the store's budget, drawn once the request has a connection slot,
   * so it is sent in the window it was granted for.
   */
  function send(operation: string, method: string, url: string, body: unknown): Promise<Outcome> {
    return limiter.run(async () => {
      const grant = await budget?.acquire(priority, deadline, 1 + limiter.queued);
      if (budget && !grant) {
        const reason = 'no request budget left before the deadline';
        return { error: new BigCommerceError(operation, undefined, reason, true) };
      }
      return attempt(operation, method, url, body, grant);
    });
  }

  return {
    storeHash,
    async call<T>(
      operation: string,
      method: string,
      path: string,
      { query, body }: { query?: Record<string, string>; body?: unknown } = {},
    ) {
      const url = `${base}${path}${query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
      for (let n = 0; ; n++) {
        const outcome = await send(operation, method, url, body);
        if (!outcome.error) return outcome.value as T;
        const wait = outcome.retryAfterMs ?? backoffMs(n, BACKOFF_BASE_MS, BACKOFF_CAP_MS);
        const late = deadline !== undefined && Date.now() + wait + MIN_REQUEST_MS > deadline;
        if (!outcome.error.retryable || n + 1 >= maxAttempts || late) throw outcome.error;
        await sleep(wait);
      }
    },
  };
}
