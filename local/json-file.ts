// Local state kept in .cache/ between `npm start` runs (the sandbox's stores, the stream
// checkpoints): read once at start, written debounced and atomically (temp file + rename), so a
// Ctrl-C or a crash mid-write never leaves a half-written file behind.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Maps survive the round trip (JSON has no Map): { "$map": [[key, value], …] }.
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { $map: [...value.entries()] } : value);
const reviver = (_key: string, value: unknown) => {
  const entries = (value as { $map?: unknown } | null)?.$map;
  return Array.isArray(entries) ? new Map(entries as Array<[unknown, unknown]>) : value;
};

export class JsonFile<T> {
  private timer: NodeJS.Timeout | undefined;
  private latest: (() => T) | undefined;

  constructor(
    readonly path: string,
    private readonly debounceMs = 250,
  ) {}

  /** The saved value, or undefined when there is none (or it cannot be read: start afresh). */
  load(): T | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8'), reviver) as T;
    } catch {
      return undefined;
    }
  }

  /** Saves `snapshot()` soon; several calls within the debounce write once, the latest state. */
  save(snapshot: () => T): void {
    this.latest = snapshot;
    this.timer ??= setTimeout(() => this.flush(), this.debounceMs);
    this.timer.unref();
  }

  /** Writes a pending save now (on stop). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot = this.latest;
    this.latest = undefined;
    if (!snapshot) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot(), replacer));
    renameSync(temporary, this.path);
  }
}
