// Webhooks (webhooks.v3.yml): registered with headers BigCommerce sends back on every callback.
import { type BigCommerceClient, goneIsDone } from './client';

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
 * Makes sure each scope has exactly one active hook to `destination` carrying `headers`: creates
 * missing ones, reactivates or corrects existing ones, deletes duplicates. Idempotent.
 */
export async function ensureHooks(
  client: BigCommerceClient,
  scopes: string[],
  destination: string,
  headers: Record<string, string>,
): Promise<Array<{ scope: string; action: 'created' | 'updated' | 'unchanged'; id: number }>> {
  const existing = await keepOldest(client, await listHooks(client), scopes, destination);
  const results = [];
  for (const scope of scopes) {
    const hook = existing.get(scope);
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
  // Two installs racing both list, find nothing and create: look again and keep the oldest of
  // each scope. Every run keeps the same one (the lowest id), so one always stays.
  if (results.some((r) => r.action === 'created'))
    await keepOldest(client, await listHooks(client), scopes, destination);
  return results;
}

/** Deletes all but the oldest hook of each scope to `destination`; answers the ones kept by scope. */
async function keepOldest(
  client: BigCommerceClient,
  hooks: Hook[],
  scopes: string[],
  destination: string,
): Promise<Map<string, Hook>> {
  const kept = new Map<string, Hook>();
  for (const hook of [...hooks].sort((a, b) => a.id - b.id)) {
    if (hook.destination !== destination || !scopes.includes(hook.scope)) continue;
    if (!kept.has(hook.scope)) kept.set(hook.scope, hook);
    else await deleteHook(client, hook.id);
  }
  return kept;
}

/** Deletes a hook; one already gone (another run deleted it) is no failure. */
async function deleteHook(client: BigCommerceClient, id: number): Promise<void> {
  await client.call('deleteWebhook', 'DELETE', `/v3/hooks/${id}`).catch(goneIsDone);
}

/** Deletes every hook to `destination` (uninstall); answers how many there were. */
export async function removeHooks(client: BigCommerceClient, destination: string): Promise<number> {
  const mine = (await listHooks(client)).filter((h) => h.destination === destination);
  for (const hook of mine) await deleteHook(client, hook.id);
  return mine.length;
}
