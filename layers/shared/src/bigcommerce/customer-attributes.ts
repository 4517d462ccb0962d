// Customer attributes and their values (customers.v3.yml). BigCommerce limits an upsert of
// attribute values to 10 customers per call and keeps every value as a string.
import type { BigCommerceClient } from './client';

/** BigCommerce takes values of at most this many customers per upsert. */
export const MAX_VALUES_PER_UPSERT = 10;

/** A customer attribute (customers.v3.yml `Attribute`). */
export interface CustomerAttribute {
  id: number;
  name: string;
  type: 'string' | 'number' | 'date';
}
/** A stored attribute value; BigCommerce keeps every value as a string. */
export interface AttributeValue {
  id: number;
  attribute_id: number;
  customer_id: number;
  attribute_value: string;
}
/** One value to upsert. */
export interface AttributeValueInput {
  attribute_id: number;
  customer_id: number;
  value: string;
}

interface Page<T> {
  data: T[];
  meta?: unknown;
}

/** The store's attribute `name`, or undefined when it does not exist (nothing is created). */
export async function findAttributeByName(
  client: BigCommerceClient,
  name: string,
): Promise<CustomerAttribute | undefined> {
  const page = await client.call<Page<CustomerAttribute>>('getCustomersAttributes', 'GET', '/v3/customers/attributes', {
    query: { name },
  });
  return page.data.find((a) => a.name === name);
}

async function createAttribute(
  client: BigCommerceClient,
  name: string,
  type: CustomerAttribute['type'],
): Promise<CustomerAttribute> {
  const page = await client.call<Page<CustomerAttribute>>(
    'createCustomersAttributes',
    'POST',
    '/v3/customers/attributes',
    { body: [{ name, type }] },
  );
  const created = page.data[0];
  if (!created) throw new Error('BigCommerce createCustomersAttributes returned no attribute');
  return created;
}

/**
 * Creates or updates attribute values (PUT /v3/customers/attribute-values).
 *
 * @throws Error for more than MAX_VALUES_PER_UPSERT customers; BigCommerceError from the call
 *   (422 when the attribute no longer exists).
 */
export async function upsertAttributeValues(
  client: BigCommerceClient,
  values: AttributeValueInput[],
): Promise<AttributeValue[]> {
  if (values.length === 0) return [];
  if (new Set(values.map((v) => v.customer_id)).size > MAX_VALUES_PER_UPSERT) {
    throw new Error(`upsertAttributeValues takes at most ${MAX_VALUES_PER_UPSERT} customers per call`);
  }
  const page = await client.call<Page<AttributeValue>>(
    'upsertCustomersAttributeValues',
    'PUT',
    '/v3/customers/attribute-values',
    { body: values },
  );
  return page.data;
}

/** The values of one attribute for the given customers (one page of up to 250). */
export async function listAttributeValues(
  client: BigCommerceClient,
  attributeId: number,
  customerIds: number[],
): Promise<AttributeValue[]> {
  const page = await client.call<Page<AttributeValue>>(
    'getCustomersAttributeValues',
    'GET',
    '/v3/customers/attribute-values',
    {
      query: { 'attribute_id:in': String(attributeId), 'customer_id:in': customerIds.join(','), limit: '250' },
    },
  );
  return page.data;
}

// One lookup (or creation) per store and attribute name per container; concurrent first callers
// share it. If two containers create at once, BigCommerce refuses the second name (422): find it.
const attributeIds = new Map<string, Promise<number>>();

/**
 * The id of the store's attribute `name`, created if missing; looked up once per container.
 *
 * @throws BigCommerceError when it can be neither found nor created (the next call tries again).
 */
export function ensureAttribute(
  client: BigCommerceClient,
  name: string,
  type: CustomerAttribute['type'] = 'number',
): Promise<number> {
  const key = `${client.storeHash}\n${name}`;
  let id = attributeIds.get(key);
  if (!id) {
    id = (async () => {
      const existing = await findAttributeByName(client, name);
      if (existing) return existing.id;
      try {
        return (await createAttribute(client, name, type)).id;
      } catch (error) {
        const raced = await findAttributeByName(client, name);
        if (raced) return raced.id;
        throw error;
      }
    })();
    attributeIds.set(key, id);
    id.catch(() => attributeIds.delete(key)); // a failed lookup is tried again next time
  }
  return id;
}

/** Forgets a cached attribute id (e.g. after BigCommerce says the attribute no longer exists). */
export function forgetAttribute(storeHash: string, name: string): void {
  attributeIds.delete(`${storeHash}\n${name}`);
}
