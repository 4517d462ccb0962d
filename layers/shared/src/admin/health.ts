// The installation's health as the merchant sees it: order webhooks registered (against the scopes
// earning needs, to this stack's URL: a hook left by another deployment earns nothing here), the
// storefront script, how far the mirror is behind, its dead letters, and what
// the install's setup could not do. Each figure says null when it cannot be known, never a guess.
import { findAttributeByName, listAttributeValues, listHooks, listScripts, requireStoreClient } from '../bigcommerce';
import { getAccount, type PointsTable, readStoreStats } from '../ledger';
import { ORDER_SCOPES } from '../orders/order-events';
import { getStoreRecord } from '../stores';
import { type DeadLetterCount, deadLetterCount } from './dead-letters';

/** Where the health figures come from besides the store. */
export interface HealthSources {
  pointsAttribute: string;
  /** Where this stack takes order webhooks (webhookUrlOf). */
  webhookUrl: string;
  /** The mirror's dead-letter queue (SQS URL, or `file://` locally). */
  mirrorDeadLetterQueue: string | undefined;
  now?: Date;
}

/**
 * How long the newest balance change has waited to reach BigCommerce: 0 when the attribute already
 * shows it, else the seconds since the change; null when no balance ever changed.
 */
async function mirrorLagSeconds(
  table: PointsTable,
  storeHash: string,
  sources: HealthSources,
  client: Awaited<ReturnType<typeof requireStoreClient>>,
): Promise<number | null> {
  const newest = (await readStoreStats(table, storeHash)).lastChange;
  if (!newest) return null;
  const account = await getAccount(table, { storeHash, customerId: newest.customerId });
  // Looked up, never created: a health check changes nothing (no attribute: nothing was mirrored).
  const attribute = await findAttributeByName(client, sources.pointsAttribute);
  const [value] = attribute ? await listAttributeValues(client, attribute.id, [newest.customerId]) : [];
  if (value && Number(value.attribute_value) === account.balance) return 0;
  const since = Date.parse(account.updatedAt ?? newest.at);
  return Math.max(0, Math.round(((sources.now ?? new Date()).getTime() - since) / 1000));
}

/** The store's installation health (the admin's health page). */
export async function installationHealth(table: PointsTable, storeHash: string, sources: HealthSources) {
  const client = await requireStoreClient(storeHash, { priority: 'admin' }, table);
  const [hooks, scripts, lagSeconds, deadLetters, record] = await Promise.all([
    listHooks(client),
    listScripts(client),
    mirrorLagSeconds(table, storeHash, sources, client),
    deadLetterCount(sources.mirrorDeadLetterQueue),
    getStoreRecord(table, storeHash),
  ]);
  const ours = (hook: { destination: string }) => hook.destination === sources.webhookUrl;
  const active = new Set(hooks.filter((h) => h.is_active && ours(h)).map((h) => h.scope));
  return {
    webhooks: {
      registered: hooks.map((h) => ({
        scope: h.scope,
        destination: h.destination,
        active: h.is_active,
        ours: ours(h),
      })),
      missing: ORDER_SCOPES.filter((scope) => !active.has(scope)),
    },
    // An app sees only the scripts it created: any enabled one is the widget.
    script: { installed: scripts.some((s) => s.enabled !== false) },
    mirror: { lagSeconds, ...deadLettersOf(deadLetters) },
    // What the install's setup could not do (a retry of the install completes it).
    setup: { failed: record?.setup?.failed ?? [] },
  };
}

const deadLettersOf = (d: DeadLetterCount) =>
  d.count === null ? { deadLetters: null, deadLettersUnknownBecause: d.reason } : { deadLetters: d.count };
