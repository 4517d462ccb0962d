// One local stack for a test file, with the handles its tests arrange and check data through.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { afterAll, beforeAll } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { ledgerOf, rewardsOf, stackTable, startTestStack } from './environment';

/** A test file's stack and handles on its table, ledger and rewards (see environment.ts). */
export interface FileStack {
  stack: LocalStack & { logFile?: string };
  table: PointsTable;
  ledger: typeof import('@bc-loyalty/shared/ledger');
  rewards: Awaited<ReturnType<typeof rewardsOf>>;
}

/**
 * Starts the stack before the file's tests and stops it after them. The fields are filled in by
 * the time the file's own beforeAll hooks (registered after this call) and tests run.
 */
export function useTestStack(...start: Parameters<typeof startTestStack>): FileStack {
  const env = {} as FileStack;
  beforeAll(async () => {
    env.stack = await startTestStack(...start);
    env.table = stackTable(env.stack);
    env.ledger = await ledgerOf(env.stack);
    env.rewards = await rewardsOf(env.stack);
  });
  afterAll(async () => {
    await env.stack?.stop();
  });
  return env;
}
