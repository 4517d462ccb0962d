// The BigCommerce Management API client: X-Auth-Token, JSON, base {apiUrl}/stores/{hash}; paths
// name their version (/v3/customers/…, /v2/orders/…).
// Retries 429 after X-Rate-Limit-Time-Reset-Ms, 5xx, timeouts and dropped connections with jittered
// backoff; never retries another 4xx. Errors say which call failed and why.
import { limiterFor } from './store-limiter';

export interface BigCommerceClientOptions {
  apiUrl: string;
  storeHash: string;
  accessToken: string;
  /** Per request; BigCommerce usually answers in well under a second. */
  timeoutMs?: number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** Called for every HTTP request sent (counting, metrics). */
  onRequest?: (operation: string) => void;
}

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

export interface BigCommerceClient {
  readonly storeHash: string;
  call<T>(
    operation: string,
    method: string,
    path: string,
    options?: { query?: Record<string, string>; body?: unknown },
  ): Promise<T>;
}

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) => Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);

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

export function bigCommerceClient(options: BigCommerceClientOptions): BigCommerceClient {
  const { apiUrl, storeHash, accessToken, timeoutMs = 10_000, maxAttempts = 5, onRequest } = options;
  const base = `${apiUrl.replace(/\/$/, '')}/stores/${encodeURIComponent(storeHash)}`;
  const limiter = limiterFor(storeHash);

  async function attempt(
    operation: string,
    method: string,
    url: string,
    body: unknown,
  ): Promise<{ value?: unknown; retryAfterMs?: number; error: BigCommerceError | undefined }> {
    let response: Response;
    try {
      onRequest?.(operation);
      response = await fetch(url, {
        method,
        headers: { 'X-Auth-Token': accessToken, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `connection failed (${(error as Error).message})`;
      return { error: new BigCommerceError(operation, undefined, reason, true) };
    }
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
        const outcome = await limiter.run(() => attempt(operation, method, url, body));
        if (!outcome.error) return outcome.value as T;
        if (!outcome.error.retryable || n + 1 >= maxAttempts) throw outcome.error;
        await sleep(outcome.retryAfterMs ?? backoff(n));
      }
    },
  };
}
