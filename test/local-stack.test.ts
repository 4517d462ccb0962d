// `npm start`'s settings as a new user meets them: CORS follows SANDBOX_PORT, BC_API_URL is
// honoured, and a busy port stops the stack with one line that says which variable to set.
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, portOf } from '../local/ports';
import { BigCommerceSandbox } from '../local/sandbox/server';
import { localSettings } from '../local/settings';
import { startLocalStack } from '../local/stack';
import { ledgerOf, startTestStack, testSettings, TEST_STORE, stackTable } from './support/environment';
import { runScript } from './support/run-script';

const busy: Server[] = [];
afterAll(() => {
  for (const server of busy) server.close();
});

/** A port someone else holds (on all interfaces, as DynamoDB Local would). */
async function busyPort(): Promise<number> {
  const server = createServer();
  busy.push(server);
  await new Promise<void>((resolve) => server.listen(0, () => resolve()));
  return portOf(server);
}

describe('local stack settings', () => {
  it("allows the demo store's origin on SANDBOX_PORT by default, as either host; an explicit ALLOWED_ORIGINS wins", () => {
    expect(localSettings({ SANDBOX_PORT: '4302' }).allowedOrigins).toBe('http://127.0.0.1:4302,http://localhost:4302');
    expect(localSettings({ SANDBOX_PORT: '4302', ALLOWED_ORIGINS: 'https://shop.example' }).allowedOrigins).toBe(
      'https://shop.example',
    );
  });

  it('points the functions at BC_API_URL when set, and grants CORS to the demo store on its port', async () => {
    const sandboxPort = await freePort();
    const realStore = new BigCommerceSandbox({ stores: { [TEST_STORE]: testSettings().accessToken } });
    await realStore.listen();
    const { allowedOrigins } = localSettings({ SANDBOX_PORT: String(sandboxPort) });
    const stack = await startTestStack({ sandboxPort, allowedOrigins, bcApiUrl: realStore.url });
    try {
      const preflight = await fetch(`${stack.apiUrl}/points`, {
        method: 'OPTIONS',
        headers: { Origin: `http://127.0.0.1:${sandboxPort}`, 'Access-Control-Request-Method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${sandboxPort}`);

      const ledger = await ledgerOf(stack);

      const table = stackTable(stack);
      await ledger.applyPointsChange(
        table,
        { storeHash: TEST_STORE, customerId: 31 },
        { type: 'adjust', points: 31, reason: 'BC_API_URL' },
      );
      const started = Date.now();
      while (realStore.store(TEST_STORE).valueOf('Loyalty points', 31) !== '31' && Date.now() - started < 20_000)
        await new Promise((r) => setTimeout(r, 200));
      expect(realStore.store(TEST_STORE).valueOf('Loyalty points', 31)).toBe('31');
      expect(stack.sandbox!.store(TEST_STORE).valueOf('Loyalty points', 31)).toBeUndefined();
    } finally {
      await stack.stop();
      await realStore.close();
    }
  });

  it.each(['DYNAMODB_PORT', 'API_PORT', 'SANDBOX_PORT'] as const)(
    'refuses to start when %s is busy, naming the variable',
    async (variable) => {
      const port = await busyPort();
      const key = { DYNAMODB_PORT: 'dynamodbPort', API_PORT: 'apiPort', SANDBOX_PORT: 'sandboxPort' }[variable];
      const settings = { ...testSettings(), dynamodbPort: await freePort(), [key]: port };
      await expect(startLocalStack({ settings })).rejects.toThrow(`port ${port} in use — set ${variable}`);
    },
  );

  it('npm start says so in one line and exits 1 when DYNAMODB_PORT is busy (never "up" on someone else\'s DynamoDB)', async () => {
    const port = await busyPort();
    const { DYNAMODB_ENDPOINT: _, ...inherited } = process.env; // an endpoint would mean "use that DynamoDB"
    const env = {
      ...inherited,
      DYNAMODB_PORT: String(port),
      API_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
    };
    const { code, stdout, stderr } = await runScript('local/start.ts', [], env, 25_000);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/is up/);
    expect(stderr.trim()).toBe(`npm start: port ${port} in use — set DYNAMODB_PORT`);
  });
});
