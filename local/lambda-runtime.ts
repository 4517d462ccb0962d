// Runs the template's functions locally, each in a worker thread with the environment Lambda
// would give it (template variables, env.json, process env). Handlers are the TypeScript sources.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { FunctionModel } from './api-model';

export class FunctionError extends Error {
  constructor(readonly errorName: string, message: string, readonly errorStack?: string) {
    super(message);
  }
}

export class LocalFunction {
  private worker: Worker;
  private nextId = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;
  /** Resolves when the handler module is loaded (Lambda's init phase, outside the timeout). */
  private readonly ready: Promise<void>;
  private markReady: (error?: Error) => void = () => {};

  /** `log` receives every line the function prints (its CloudWatch log, in AWS terms). */
  constructor(readonly model: FunctionModel, environment: Record<string, string>, log: (line: string) => void = (line) => console.log(line)) {
    this.worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
      workerData: { entry: model.entry, exportName: model.exportName, functionName: model.logicalId },
      env: environment,
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = (error) => (error ? reject(error) : resolve());
    });
    this.ready.catch(() => {}); // surfaced by invoke
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => log(`${model.logicalId} ${line}`));
    }
    this.worker.on('message', ({ id, result, error, ready, message }: { id: number; result?: unknown; error?: { name: string; message: string; stack?: string }; ready?: boolean; message?: string }) => {
      if (ready !== undefined) return this.markReady(ready ? undefined : new FunctionError('InitError', message ?? 'init failed'));
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      if (error) call.reject(new FunctionError(error.name, error.message, error.stack));
      else call.resolve(result);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`${model.logicalId} worker exited (${code})`)));
    this.worker.unref();
  }

  /** Invokes the handler; like Lambda, an invocation that outlives the timeout fails. */
  async invoke(event: unknown): Promise<unknown> {
    if (this.failure) throw this.failure;
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new FunctionError('TimeoutError', `${this.model.logicalId} timed out after ${this.model.timeoutSeconds} s`));
      }, this.model.timeoutSeconds * 1000);
      const settle = <T>(fn: (v: T) => void) => (v: T) => { clearTimeout(timer); fn(v); };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.worker.postMessage({ id, event, requestId: randomUUID() });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    this.markReady(error);
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/** The environment of one function: declared keys only, like SAM: template ← env.json ← overrides. */
export function environmentFor(
  model: FunctionModel,
  envJson: Record<string, Record<string, string>>,
  overrides: Record<string, string | undefined>,
  runtime: Record<string, string>,
): Record<string, string> {
  const environment: Record<string, string> = { ...runtime, AWS_LAMBDA_FUNCTION_NAME: model.logicalId };
  for (const [key, value] of Object.entries(model.environment)) {
    environment[key] = overrides[key] ?? envJson[model.logicalId]?.[key] ?? envJson.Parameters?.[key] ?? value;
  }
  return environment;
}
