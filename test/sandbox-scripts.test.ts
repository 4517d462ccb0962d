// The widget installed through the Scripts API, as `npm run bc:setup` does it: validated by the
// sandbox against scripts.v3.yml, idempotent (run twice, one script), rendered into the demo store's
// footer as a Stencil storefront renders installed scripts, and removed by --uninstall.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../local/paths';
import { useTestTable } from './support/environment';
import { useSandbox } from './support/sandbox';
import { DEMO_CUSTOMERS } from '../local/sandbox/storefront';
import { SCRIPT_TAG_LIMIT, WIDGET_SCRIPT_NAME, widgetScriptTag } from '../storefront/install';

const STORE = 'shop1';
const API_URL = 'https://loyalty.example.com/v1';
const sandbox = useSandbox({
  stores: { [STORE]: 'token' },
  storefront: { storeHash: STORE, clientId: 'client-1', clientSecret: 'secret-0123456789', customers: DEMO_CUSTOMERS },
});

// bc:setup's calls draw from the store's request budget in the table (TABLE_NAME, DYNAMODB_ENDPOINT).
beforeAll(() => useTestTable());

async function bcSetup(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'local', 'cli', 'bc-setup.ts'), ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        APP_SECRET_ARN: '',
        BC_API_URL: sandbox.url,
        BC_STORE_HASH: STORE,
        BC_ACCESS_TOKEN: 'token',
        BC_CLIENT_ID: 'client-1',
        API_URL,
        WEBHOOK_URL: `${API_URL}/webhooks/bigcommerce`,
      },
    },
  );
  return stdout;
}
const page = async () => (await fetch(`${sandbox.url}/`)).text();

describe('bc:setup installs the widget through the Scripts API', () => {
  it('creates one script, then leaves it alone; the demo store renders it in its footer', async () => {
    expect(await bcSetup('--mode', 'launcher')).toMatch(/widget script \(\d+ characters, launcher\): created/);
    expect(await bcSetup('--mode', 'launcher')).toMatch(/widget script .*: unchanged/);
    const scripts = sandbox.store(STORE).scripts;
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatchObject({
      name: WIDGET_SCRIPT_NAME,
      kind: 'script_tag',
      location: 'footer',
      visibility: 'storefront',
      enabled: true,
    });
    expect(sandbox.countOf('createScript')).toBe(1);
    const html = await page();
    const config = /<script data-config="([^"]*)">/.exec(html)?.[1]?.replaceAll('&#34;', '"');
    expect(JSON.parse(config!)).toEqual({
      apiUrl: API_URL,
      clientId: 'client-1',
      mode: 'launcher',
      earn: { points: 1, per: 1, currency: 'USD' },
    });
    expect(html.indexOf('data-config')).toBeGreaterThan(html.indexOf('id="order-list"')); // the footer
  }, 60_000);

  it('updates the one script when its configuration changes', async () => {
    expect(await bcSetup('--mode', 'inline', '--currency', 'EUR')).toMatch(/widget script .*: updated/);
    expect(sandbox.store(STORE).scripts).toHaveLength(1);
    expect(await page()).toContain('&#34;currency&#34;:&#34;EUR&#34;');
  }, 60_000);

  it('removes it on --uninstall', async () => {
    expect(await bcSetup('--uninstall')).toContain(`${STORE}: removed 1 widget script(s)`);
    expect(sandbox.store(STORE).scripts).toHaveLength(0);
    expect(await page()).not.toContain('data-config');
  }, 60_000);

  it('refuses a bad mode with a one-line error', async () => {
    await expect(bcSetup('--mode', 'popup')).rejects.toMatchObject({
      stderr: expect.stringContaining('--mode is one of'),
    });
  });
});

describe('ensureScript', () => {
  it('folds duplicates left by an interrupted run into one script', async () => {
    const { bigCommerceClient, ensureScript, listScripts } = await import('@bc-loyalty/shared/bigcommerce');
    const client = bigCommerceClient({
      apiUrl: sandbox.url,
      storeHash: STORE,
      accessToken: 'token',
      priority: 'admin',
    });
    const script = {
      name: 'twice',
      description: 'a test script',
      html: '<script>1</script>',
      kind: 'script_tag',
      load_method: 'default',
      location: 'head',
      visibility: 'storefront',
      consent_category: 'essential',
      auto_uninstall: true,
      enabled: true,
    } as const;
    for (let i = 0; i < 2; i++) await client.call('createScript', 'POST', '/v3/content/scripts', { body: script });
    expect(await ensureScript(client, script)).toMatchObject({ action: 'unchanged' });
    expect((await listScripts(client)).filter((s) => s.name === 'twice')).toHaveLength(1);
    // Two installs at once: both list, find none and create; both keep the same one.
    const raced = { ...script, name: 'raced' };
    const [a, b] = await Promise.all([ensureScript(client, raced), ensureScript(client, raced)]);
    const left = (await listScripts(client)).filter((s) => s.name === 'raced');
    expect(left).toHaveLength(1);
    expect([a.uuid, b.uuid]).toEqual([left[0]!.uuid, left[0]!.uuid]);
  });
});

describe('the script tag', () => {
  it('cannot be ended early by the code it carries, and fits the Scripts API limit', () => {
    const tag = widgetScriptTag('const s = "</script><b>";', { apiUrl: 'https://x/"><' });
    expect(tag).toBe(
      '<script data-config="{&#34;apiUrl&#34;:&#34;https://x/\\&#34;&#62;&#60;&#34;}">const s = "<\\/script><b>";</script>',
    );
    expect(SCRIPT_TAG_LIMIT).toBe(65_536);
  });
});
