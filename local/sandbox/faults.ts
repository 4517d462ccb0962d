// Fault injection for tests: the next requests fail as BigCommerce or the network sometimes do.
export type Fault =
  | { kind: 'rate-limit'; resetMs: number; withHeaders?: boolean }
  | { kind: 'server-error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'drop' };

export class FaultPlan {
  private queue: Fault[] = [];

  /** The next `times` Management API requests get this fault. */
  inject(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push(fault);
  }

  next(): Fault | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }
}
