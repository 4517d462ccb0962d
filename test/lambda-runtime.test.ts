// The local Lambda runtime behaves like Lambda where it matters: one invocation per execution
// environment at a time, environments created on demand and reused, at most the reserved
// concurrency, a timed-out environment torn down, and a real context object.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunctionModel } from '../local/api-model';
import { FunctionError } from '../local/execution-environment';
import { LocalFunction } from '../local/lambda-runtime';
import { repoRoot } from '../local/paths';

type Probe = {
  environment: number;
  invocations: number;
  remainingAtStart: number;
  remainingAtEnd: number;
  functionName: string;
  memoryLimitInMB: string;
};

const functions: LocalFunction[] = [];
afterEach(async () => {
  await Promise.all(functions.splice(0).map((f) => f.stop()));
});

function fixture(exportName: string, model: Partial<FunctionModel> = {}): LocalFunction {
  const fn = new LocalFunction(
    {
      logicalId: 'ProbeFunction',
      functionName: 'probe-fn',
      entry: join(repoRoot, 'test', 'fixtures', 'runtime-probe.ts'),
      exportName,
      timeoutSeconds: 3,
      memorySize: 256,
      reservedConcurrency: undefined,
      environment: {},
      ...model,
    },
    {},
    () => {},
  );
  functions.push(fn);
  return fn;
}

describe('local Lambda runtime', () => {
  it('runs two concurrent invocations in two environments, each with its own module state, and reuses them', async () => {
    const fn = fixture('probe');
    const [a, b] = (await Promise.all([fn.invoke({ holdMs: 300 }), fn.invoke({ holdMs: 300 })])) as Probe[];
    expect(a!.environment).not.toBe(b!.environment);
    expect([a!.invocations, b!.invocations]).toEqual([1, 1]);
    const c = (await fn.invoke({})) as Probe;
    expect([a!.environment, b!.environment]).toContain(c.environment);
    expect(c.invocations).toBe(2);
    expect(fn.environments).toBe(2);
  });

  it('creates no environment before the first invocation', () => {
    expect(fixture('probe').environments).toBe(0);
  });

  it('never runs more environments than ReservedConcurrentExecutions: the rest wait their turn', async () => {
    const fn = fixture('probe', { reservedConcurrency: 1 });
    const results = (await Promise.all([
      fn.invoke({ holdMs: 200 }),
      fn.invoke({ holdMs: 200 }),
      fn.invoke({}),
    ])) as Probe[];
    expect(new Set(results.map((r) => r.environment)).size).toBe(1);
    expect(results.map((r) => r.invocations).sort()).toEqual([1, 2, 3]);
    expect(fn.environments).toBe(1);
  });

  it("gives the handler the template's name and memory and a remaining time that counts down from the timeout", async () => {
    const result = (await fixture('probe').invoke({ holdMs: 400 })) as Probe;
    expect(result).toMatchObject({ functionName: 'probe-fn', memoryLimitInMB: '256' });
    expect(result.remainingAtStart).toBeGreaterThan(2_500);
    expect(result.remainingAtStart).toBeLessThanOrEqual(3_000);
    expect(result.remainingAtStart - result.remainingAtEnd).toBeGreaterThanOrEqual(350);
  });

  it('tears down an environment whose invocation timed out: its pending write never lands, the next invocation gets a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'late-writer-'));
    try {
      const fn = fixture('lateWriter', { timeoutSeconds: 1 });
      const file = join(dir, 'late.txt');
      const error = await fn.invoke({ file, afterMs: 1_500 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FunctionError);
      expect((error as FunctionError).errorName).toBe('TimeoutError');
      expect(fn.environments).toBe(0);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(existsSync(file)).toBe(false);
      expect(await fn.invoke({ file, afterMs: 0 })).toBe('written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
