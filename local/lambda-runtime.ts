// Runs the template's functions locally the way Lambda scales them: each function has a pool of
// execution environments (worker threads with the environment Lambda would give it: template
// variables, env.json, process env), created on demand, one invocation each at a time, reused
// when idle, at most ReservedConcurrentExecutions of them. Handlers are the TypeScript sources.
import { availableParallelism } from 'node:os';
import type { FunctionModel } from './api-model';
import { ExecutionEnvironment, FunctionError } from './execution-environment';

/**
 * Environments per function when the template reserves no concurrency. In AWS each one is a
 * machine's worth of CPU; here they share this machine's cores, and each costs about a second of
 * CPU to start (tsx compiles the sources in every worker), so more than one per core only adds
 * cold starts. Beyond it, invocations queue (Lambda's account limit, 1,000, would throttle).
 */
const LOCAL_CONCURRENCY = Math.max(2, availableParallelism());

export class LocalFunction {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: Array<{
    resolve: (environment: ExecutionEnvironment) => void;
    reject: (error: Error) => void;
  }> = [];
  private readonly limit: number;
  private stopped = false;

  /** `log` receives every line the function prints (its CloudWatch log, in AWS terms). */
  constructor(
    readonly model: FunctionModel,
    private readonly environment: Record<string, string>,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {
    this.limit = Math.max(1, model.reservedConcurrency ?? LOCAL_CONCURRENCY);
  }

  /** Execution environments alive now (idle or busy). */
  get environments(): number {
    return this.all.size;
  }

  /**
   * Invokes the handler in an idle environment, or a new one while under the limit; beyond it the
   * invocation waits for one (where Lambda would throttle). A timed-out environment is discarded.
   */
  async invoke(event: unknown): Promise<unknown> {
    const environment = await this.acquire();
    try {
      return await environment.invoke(event);
    } finally {
      this.release(environment);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0))
      waiter.reject(new FunctionError('Runtime.ExitError', `${this.model.logicalId} stopped`));
    await Promise.all([...this.all].map((environment) => environment.stop()));
    this.all.clear();
    this.idle.length = 0;
  }

  private acquire(): Promise<ExecutionEnvironment> {
    if (this.stopped) return Promise.reject(new FunctionError('Runtime.ExitError', `${this.model.logicalId} stopped`));
    // The most recently used first, as Lambda tends to: warm caches, and the rest can retire.
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.all.size < this.limit) return Promise.resolve(this.create());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(environment: ExecutionEnvironment): void {
    if (!environment.usable) {
      this.all.delete(environment);
      void environment.stop();
      if (this.waiting.length && !this.stopped) this.waiting.shift()!.resolve(this.create());
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(environment);
    else this.idle.push(environment);
  }

  private create(): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(this.model, this.environment, this.log);
    this.all.add(environment);
    return environment;
  }
}

/** The environment of one function: declared keys only, like SAM: template ← env.json ← overrides. */
export function environmentFor(
  model: FunctionModel,
  envJson: Record<string, Record<string, string>>,
  overrides: Record<string, string | undefined>,
  runtime: Record<string, string>,
): Record<string, string> {
  const environment: Record<string, string> = {
    ...runtime,
    AWS_LAMBDA_FUNCTION_NAME: model.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(model.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${model.functionName}`,
  };
  for (const [key, value] of Object.entries(model.environment)) {
    environment[key] = overrides[key] ?? envJson[model.logicalId]?.[key] ?? envJson.Parameters?.[key] ?? value;
  }
  return environment;
}
