// Webhooks (webhooks.v3.yml): registered with headers BigCommerce sends back on every callback.
import type { BigCommerceClient } from './client';

/** A registered webhook (webhooks.v3.yml). */
export interface Hook {
  id: number;
  scope: string;
  destination: string;
  is_active: boolean;
  headers?: Record<string, string> | null;
}
interface Page<T> {
  data: T[];
}
interface One<T> {
  data: T;
}

/** Every webhook this app registered on the store. */
export async function listHooks(client: BigCommerceClient): Promise<Hook[]> {
  return (await client.call<Page<Hook>>('getWebhooks', 'GET', '/v3/hooks')).data;
}

/**
 * Makes sure each scope has an active hook to `destination` carrying `headers`: creates missing
 * ones, reactivates or corrects existing ones. Idempotent.
 */
export async function ensureHooks(
  client: BigCommerceClient,
  scopes: string[],
  destination: string,
  headers: Record<string, string>,
): Promise<Array<{ scope: string; action: 'created' | 'updated' | 'unchanged'; id: number }>> {
  const existing = await listHooks(client);
  const results = [];
  for (const scope of scopes) {
    const hook = existing.find((h) => h.scope === scope && h.destination === destination);
    if (!hook) {
      const created = await client.call<One<Hook>>('createWebhooks', 'POST', '/v3/hooks', {
        body: { scope, destination, is_active: true, headers },
      });
      results.push({ scope, action: 'created' as const, id: created.data.id });
    } else if (!hook.is_active || JSON.stringify(hook.headers ?? {}) !== JSON.stringify(headers)) {
      await client.call<One<Hook>>('updateWebhook', 'PUT', `/v3/hooks/${hook.id}`, {
        body: { scope, destination, is_active: true, headers },
      });
      results.push({ scope, action: 'updated' as const, id: hook.id });
    } else {
      results.push({ scope, action: 'unchanged' as const, id: hook.id });
    }
  }
  return results;
}

/** Deletes every hook to `destination` (uninstall); answers how many there were. */
export async function removeHooks(client: BigCommerceClient, destination: string): Promise<number> {
  const mine = (await listHooks(client)).filter((h) => h.destination === destination);
  for (const hook of mine) await client.call('deleteWebhook', 'DELETE', `/v3/hooks/${hook.id}`);
  return mine.length;
}
