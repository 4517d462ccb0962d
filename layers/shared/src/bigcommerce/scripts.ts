// Scripts API (scripts.v3.yml): what Script Manager shows and a Stencil storefront renders on its
// pages. An app sees only the scripts it created; we know ours by name.
import { type BigCommerceClient, goneIsDone } from './client';

/** A script as we install it: an inline `<script>` (kind script_tag, ≤ 65,536 chars) on storefront pages. */
export interface ScriptInput {
  name: string;
  description: string;
  html: string;
  kind: 'script_tag';
  load_method: 'default';
  location: 'head' | 'footer';
  visibility: 'storefront' | 'all_pages' | 'checkout' | 'order_confirmation';
  consent_category: 'essential' | 'functional' | 'analytics' | 'targeting';
  auto_uninstall: boolean;
  enabled: boolean;
}
export interface Script extends Partial<ScriptInput> {
  uuid: string;
  name: string;
}
interface Page<T> {
  data: T[];
  meta?: { pagination?: { total_pages?: number } };
}

/** Every script this app created, all pages of them. */
export async function listScripts(client: BigCommerceClient): Promise<Script[]> {
  const all: Script[] = [];
  for (let page = 1; ; page++) {
    const answer = await client.call<Page<Script>>('getScripts', 'GET', '/v3/content/scripts', {
      query: { page: String(page), limit: '250' },
    });
    all.push(...answer.data);
    if (page >= (answer.meta?.pagination?.total_pages ?? 1)) return all;
  }
}

const FIELDS = [
  'description',
  'html',
  'kind',
  'load_method',
  'location',
  'visibility',
  'consent_category',
  'auto_uninstall',
  'enabled',
] as const;

/**
 * Makes the store carry exactly one script named `script.name`, with these contents: creates it,
 * updates it when anything differs, and deletes duplicates (a run cut short between create and
 * list, or two installs racing). Idempotent: run twice, or twice at once, one script.
 */
export async function ensureScript(
  client: BigCommerceClient,
  script: ScriptInput,
): Promise<{ action: 'created' | 'updated' | 'unchanged'; uuid: string }> {
  const mine = await keepOne(client, script.name);
  if (!mine) {
    const created = await client.call<{ data: Script }>('createScript', 'POST', '/v3/content/scripts', {
      body: script,
    });
    // Another install may have created one meanwhile: every run keeps the same one (lowest uuid).
    const kept = await keepOne(client, script.name);
    return { action: 'created', uuid: kept?.uuid ?? created.data.uuid };
  }
  if (FIELDS.every((f) => mine[f] === script[f])) return { action: 'unchanged', uuid: mine.uuid };
  await client.call('updateScript', 'PUT', `/v3/content/scripts/${mine.uuid}`, { body: script });
  return { action: 'updated', uuid: mine.uuid };
}

/** Deletes all but one script named `name` (the lowest uuid, so concurrent runs agree); answers it. */
async function keepOne(client: BigCommerceClient, name: string): Promise<Script | undefined> {
  const [kept, ...extra] = (await listScripts(client))
    .filter((s) => s.name === name)
    .sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
  for (const duplicate of extra) await deleteScript(client, duplicate.uuid);
  return kept;
}

/** Removes every script of this app named `name` (uninstall); answers how many there were. */
export async function removeScript(client: BigCommerceClient, name: string): Promise<number> {
  const mine = (await listScripts(client)).filter((s) => s.name === name);
  for (const script of mine) await deleteScript(client, script.uuid);
  return mine.length;
}

/** Deletes a script; one already gone (another run deleted it) is no failure. */
const deleteScript = (client: BigCommerceClient, uuid: string) =>
  client.call('deleteScript', 'DELETE', `/v3/content/scripts/${uuid}`).catch(goneIsDone);
