// BigCommerce's request budget per store: a quota per time window, told in the X-Rate-Limit-*
// headers of every answer; a request past the quota is refused with 429.

type RateLimitHeaders = Record<string, string>;

export class RequestBudget {
  /** Requests refused because the store's budget was spent (counted by the server, which refuses them). */
  rateLimited = 0;
  private readonly windows = new Map<string, { windowStart: number; used: number }>();

  /** `quota` requests per `windowMs` per store (BigCommerce: 150–450 per 30 s by plan). */
  constructor(
    private readonly quota: number,
    private readonly windowMs: number,
  ) {}

  /** Spends one request of the store's budget: its headers, and whether the request is over the quota. */
  spend(storeHash: string): { headers: RateLimitHeaders; over: boolean } {
    const now = Date.now();
    const current = this.windows.get(storeHash);
    const budget = current && now - current.windowStart < this.windowMs ? current : { windowStart: now, used: 0 };
    this.windows.set(storeHash, budget);
    budget.used++;
    const over = budget.used > this.quota;
    return {
      over,
      headers: {
        'X-Rate-Limit-Time-Window-Ms': String(this.windowMs),
        'X-Rate-Limit-Time-Reset-Ms': String(Math.max(0, budget.windowStart + this.windowMs - now)),
        'X-Rate-Limit-Requests-Quota': String(this.quota),
        'X-Rate-Limit-Requests-Left': String(over ? 0 : this.quota - budget.used),
      },
    };
  }
}
