// BigCommerce allows a few concurrent requests per store (3 for customer attributes) and a request
// budget per window, shared by every client of the store. One limiter per store per container:
// at most `maxConcurrent` in flight, and a pause until the window resets when the budget is spent.
import { sleep } from '../retry';

class StoreLimiter {
  private active = 0;
  private waiting: Array<() => void> = [];
  private pausedUntil = 0;

  constructor(private readonly maxConcurrent: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.active >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) await sleep(pause);
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** The budget is spent until `resetMs` from now (X-Rate-Limit-Requests-Left: 0, or a 429). */
  pauseFor(resetMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + resetMs);
  }
}

const limiters = new Map<string, StoreLimiter>();
/** The limiter of a store in this container (created on first use). */
export function limiterFor(storeHash: string, maxConcurrent = 3): StoreLimiter {
  const limiter = limiters.get(storeHash) ?? new StoreLimiter(maxConcurrent);
  limiters.set(storeHash, limiter);
  return limiter;
}
