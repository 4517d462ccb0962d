// One Lambda execution environment: a worker thread with its own module cache and environment
// variables, running one invocation at a time. Like Lambda, an invocation that outlives its
// timeout ends the environment (worker.terminate()): nothing it had in flight runs on.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FunctionModel } from './api-model';

export class FunctionError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
    readonly errorStack?: string,
  ) {
    super(message);
  }
}

type WorkerMessage = {
  ready?: boolean;
  message?: string;
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
};

export class ExecutionEnvironment {
  /** Resolves when the handler module is loaded (Lambda's init phase, outside the timeout). */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private current: { resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  private ended: Error | undefined;

  constructor(
    readonly model: FunctionModel,
    environment: Record<string, string>,
    log: (line: string) => void,
  ) {
    const id = randomUUID().slice(0, 8);
    this.worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
      workerData: {
        entry: model.entry,
        exportName: model.exportName,
        functionName: model.functionName,
        memorySize: model.memorySize,
        logStreamName: `local/[$LATEST]${id}`,
      },
      env: environment,
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => log(`${model.logicalId} ${line}`));
    }
    this.ready = new Promise<void>((resolve, reject) => {
      const end = (error: Error) => {
        this.ended ??= error;
        reject(error);
        this.current?.reject(error);
        this.current = undefined;
      };
      this.worker.on('message', ({ ready, message, result, error }: WorkerMessage) => {
        if (ready) return resolve();
        if (ready === false) return end(new FunctionError('InitError', message ?? 'init failed')); // a new environment tries again
        const call = this.current;
        this.current = undefined;
        if (error) call?.reject(new FunctionError(error.name, error.message, error.stack));
        else call?.resolve(result);
      });
      this.worker.on('error', end);
      this.worker.on('exit', (code) =>
        end(new FunctionError('Runtime.ExitError', `${model.logicalId} environment exited (${code})`)),
      );
    });
    this.ready.catch(() => {}); // surfaced by invoke
    this.worker.unref();
  }

  /** Whether it can take another invocation (not timed out, crashed or stopped). */
  get usable(): boolean {
    return this.ended === undefined;
  }

  /** Runs one invocation; past the function's timeout it fails and the environment is terminated. */
  async invoke(event: unknown): Promise<unknown> {
    await this.ready;
    if (this.ended) throw this.ended;
    if (this.current) throw new Error('an execution environment runs one invocation at a time');
    const timeoutMs = this.model.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new FunctionError(
          'TimeoutError',
          `${this.model.logicalId} timed out after ${this.model.timeoutSeconds} s`,
        );
        this.ended = error;
        this.current = undefined;
        reject(error);
        void this.worker.terminate();
      }, timeoutMs);
      const settle =
        <T>(fn: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          fn(v);
        };
      this.current = { resolve: settle(resolve), reject: settle(reject) };
      this.worker.postMessage({ event, requestId: randomUUID(), deadline: Date.now() + timeoutMs });
    });
  }

  async stop(): Promise<void> {
    this.ended ??= new FunctionError('Runtime.ExitError', `${this.model.logicalId} environment stopped`);
    await this.worker.terminate();
  }
}
