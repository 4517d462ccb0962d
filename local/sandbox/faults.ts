// Fault injection for tests: the next requests fail as BigCommerce or the network sometimes do.
export type Fault =
  | { kind: 'rate-limit'; resetMs: number; withHeaders?: boolean }
  | { kind: 'server-error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop' };

export class FaultPlan {
  private queue: Array<{ fault: Fault; only?: RegExp }> = [];

  /**
   * The next `times` Management API requests get this fault; with `only`, the next `times` whose
   * path matches it (other requests pass, as when the stack's background work calls meanwhile).
   */
  inject(fault: Fault, times = 1, only?: RegExp): void {
    for (let i = 0; i < times; i++) this.queue.push({ fault, only });
  }

  /** The fault for a request to `path`, taken from the plan. */
  next(path: string): Fault | undefined {
    const index = this.queue.findIndex(({ only }) => !only || only.test(path));
    return index < 0 ? undefined : this.queue.splice(index, 1)[0]!.fault;
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }
}
