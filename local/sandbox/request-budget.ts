// BigCommerce's request quota per store (local/vendor/bigcommerce-specs/api-rate-limits.mdx): a
// number of requests per 30 s window by plan, shared by every app of the store, told in the
// X-Rate-Limit-* headers of every answer; a request past the quota is refused with 429.
// BigCommerce does not say how its windows are phased (Reset-Ms tells when the current one ends), so
// each store's windows start at an offset of its own into the clock's, random unless set: a client
// whose windows are the clock's would see its grants of two windows fall in one of these.
// For benches a time scale shrinks the window (30 s → 300 ms at 100×): the headers tell the scaled
// window, and every figure measured against it is multiplied back by the scale to store time.
// A simulated other app spends part of the quota (all at the start of each window, as a periodic
// sync job does), so Requests-Left is lower than our own use explains.

/** BigCommerce plans and their quota per 30 s (Enterprise: by contract, so it takes an explicit quota). */
export const PLAN_QUOTAS = { standard: 150, plus: 150, pro: 450 } as const;
export type SandboxPlan = keyof typeof PLAN_QUOTAS | 'enterprise';

/** BigCommerce's window, in store time. */
export const STORE_WINDOW_MS = 30_000;

/** How the sandbox limits a store; every field optional (Pro's 450 per 30 s, no other app). */
export interface QuotaSettings {
  plan?: SandboxPlan;
  /** Requests per window; overrides the plan (required for enterprise). */
  quota?: number;
  /** The window in real ms; overrides the time scale (tests). */
  windowMs?: number;
  /** Store time runs this many times faster (benches): the 30 s window lasts 30 s / scale. */
  timeScale?: number;
  /** Requests another app of the store sends at the start of each window. */
  otherAppPerWindow?: number;
  /** Where every store's windows start into the clock's (real ms); unset, a random offset per store. */
  offsetMs?: number;
}

/** One window of one store: what our app and the simulated other app used, and what was refused. */
export interface QuotaWindow {
  windowStart: number;
  ours: number;
  other: number;
  rejected: number;
}

type RateLimitHeaders = Record<string, string>;
type Settings = Required<Omit<QuotaSettings, 'plan' | 'offsetMs'>> & Pick<QuotaSettings, 'offsetMs'>;
const KEPT_WINDOWS = 20_000;

export class RequestBudget {
  /** Requests refused because the store's budget was spent (counted by the server, which refuses them). */
  rateLimited = 0;
  private readonly windows = new Map<string, QuotaWindow[]>();
  /** Each store's random offset, as a fraction of the window (so it holds when the window changes). */
  private readonly offsets = new Map<string, number>();
  private settings: Settings = { quota: 450, windowMs: STORE_WINDOW_MS, timeScale: 1, otherAppPerWindow: 0 };

  constructor(settings: QuotaSettings = {}) {
    this.configure(settings);
  }

  /** Replaces the quota settings (the counts so far are kept). */
  configure({ plan, quota, windowMs, timeScale = 1, otherAppPerWindow = 0, offsetMs }: QuotaSettings): void {
    if (plan === 'enterprise' && quota === undefined) throw new Error('an enterprise plan needs a quota');
    const planQuota = plan && plan !== 'enterprise' ? PLAN_QUOTAS[plan] : 450;
    if (!(timeScale > 0)) throw new Error('timeScale must be positive');
    this.settings = {
      quota: quota ?? planQuota,
      windowMs: windowMs ?? Math.round(STORE_WINDOW_MS / timeScale),
      timeScale: windowMs === undefined ? timeScale : STORE_WINDOW_MS / windowMs,
      otherAppPerWindow,
      offsetMs,
    };
  }

  /** The settings in force (the window in real ms, the scale to store time). */
  get current(): Readonly<Settings> {
    return this.settings;
  }

  /** The store's windows so far, oldest first (windows without a request of ours are not kept). */
  windowsOf(storeHash: string): QuotaWindow[] {
    return [...(this.windows.get(storeHash) ?? [])];
  }

  /** Spends one request of the store's budget: its headers, and whether the request is over the quota. */
  spend(storeHash: string): { headers: RateLimitHeaders; over: boolean } {
    const now = Date.now();
    const { quota, windowMs } = this.settings;
    const window = this.windowAt(storeHash, now);
    const over = window.ours + window.other >= quota;
    if (over) window.rejected++;
    else window.ours++;
    return {
      over,
      headers: {
        'X-Rate-Limit-Time-Window-Ms': String(windowMs),
        'X-Rate-Limit-Time-Reset-Ms': String(window.windowStart + windowMs - now),
        'X-Rate-Limit-Requests-Quota': String(quota),
        'X-Rate-Limit-Requests-Left': String(Math.max(0, quota - window.ours - window.other)),
      },
    };
  }

  private windowAt(storeHash: string, now: number): QuotaWindow {
    const { windowMs } = this.settings;
    const offset = this.settings.offsetMs ?? Math.floor(this.randomOffset(storeHash) * windowMs);
    const windowStart = now - ((((now - offset) % windowMs) + windowMs) % windowMs);
    const list = this.windows.get(storeHash) ?? [];
    this.windows.set(storeHash, list);
    let window = list.at(-1);
    if (window?.windowStart !== windowStart) {
      window = { windowStart, ours: 0, other: this.settings.otherAppPerWindow, rejected: 0 };
      list.push(window);
      if (list.length > KEPT_WINDOWS) list.shift();
    }
    return window;
  }

  private randomOffset(storeHash: string): number {
    const offset = this.offsets.get(storeHash) ?? Math.random();
    this.offsets.set(storeHash, offset);
    return offset;
  }
}
