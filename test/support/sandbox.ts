// A BigCommerce sandbox of a test file's own, for the files that test against the sandbox alone.
import { afterAll, beforeAll } from 'vitest';
import { BigCommerceSandbox } from '../../local/sandbox/server';

/** The file's sandbox: listening before the file's tests and hooks run, closed after them. */
export function useSandbox(options: ConstructorParameters<typeof BigCommerceSandbox>[0]): BigCommerceSandbox {
  const sandbox = new BigCommerceSandbox(options);
  beforeAll(() => sandbox.listen());
  afterAll(() => sandbox.close());
  return sandbox;
}

/** `count` installed stores `<prefix>0`, `<prefix>1`, … sharing one access token, so each test can take a fresh one. */
export const numberedStores = (prefix: string, count: number, token: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, token]));
