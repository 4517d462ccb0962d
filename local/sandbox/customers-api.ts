// Customer attributes and attribute values of the Management API (customers.v3.yml), with state.
// Requests arrive already validated against the spec; these handlers add what the spec's schemas
// cannot say but its text does (10 customers per upsert, unique attribute names, known attributes).
import { collection, type Handler, ids, unprocessable } from './api-result';
import type { AttributeValue, SandboxCustomer } from './store-records';
import type { StoreState } from './store-state';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A filter's values (`email:in=a@x,b@x`), lower-cased: BigCommerce matches them case-insensitively. */
const terms = (value: unknown): string[] =>
  value === undefined
    ? []
    : String(value)
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean);

/** GET /v3/customers's filters the sandbox serves: id:in, email:in, name:like (of "first last"). */
function matches(customer: SandboxCustomer, query: Record<string, unknown>): boolean {
  const idIn = ids(query['id:in']);
  const emails = terms(query['email:in']);
  const names = terms(query['name:like']);
  const fullName = `${customer.first_name} ${customer.last_name}`.toLowerCase();
  return (
    (idIn.length === 0 || idIn.includes(customer.id)) &&
    (emails.length === 0 || emails.includes(customer.email.toLowerCase())) &&
    (names.length === 0 || names.some((n) => fullName.includes(n)))
  );
}

export const customerHandlers: Record<string, Handler> = {
  getCustomers: (state, query) => {
    const found = state.customers.filter((c) => matches(c, query));
    const sorted =
      query.sort === 'last_name:asc' ? found.sort((a, b) => a.last_name.localeCompare(b.last_name)) : found;
    return collection(sorted.slice(0, Number(query.limit ?? 50)));
  },

  getCustomersAttributes: (state, query) =>
    collection(state.attributes.filter((a) => !query.name || a.name === query.name)),

  createCustomersAttributes: (state, _query, body) => {
    const input = body as Array<{ name: string; type: 'string' | 'number' | 'date' }>;
    for (const [i, a] of input.entries()) {
      if (state.attributes.some((existing) => existing.name === a.name)) {
        return unprocessable('The attribute name is already in use.', {
          [`${i}.name`]: `an attribute named "${a.name}" exists`,
        });
      }
    }
    const created = input.map((a) => ({
      id: state.newId(),
      name: a.name,
      type: a.type,
      date_created: now(),
      date_modified: now(),
    }));
    state.attributes.push(...created);
    return collection(created);
  },

  deleteCustomersAttributes: (state, query) => {
    const remove = new Set(ids(query['id:in']));
    state.attributes = state.attributes.filter((a) => !remove.has(a.id));
    state.attributeValues = state.attributeValues.filter((v) => !remove.has(v.attribute_id));
    return { status: 204 };
  },

  getCustomersAttributeValues: (state, query) => {
    const customers = new Set(ids(query['customer_id:in']));
    const attributes = new Set(ids(query['attribute_id:in']));
    return collection(
      state.attributeValues.filter(
        (v) =>
          (customers.size === 0 || customers.has(v.customer_id)) &&
          (attributes.size === 0 || attributes.has(v.attribute_id)),
      ),
    );
  },

  upsertCustomersAttributeValues: (state, _query, body) => {
    const input = body as Array<{ attribute_id: number; customer_id: number; value: string }>;
    // customers.v3.yml: "Limit of 10 customers per call."
    if (new Set(input.map((v) => v.customer_id)).size > 10) return unprocessable('Limit of 10 customers per call.');
    for (const [i, v] of input.entries()) {
      if (!state.attributes.some((a) => a.id === v.attribute_id)) {
        return unprocessable('Attribute does not exist.', { [`${i}.attribute_id`]: `no attribute ${v.attribute_id}` });
      }
    }
    const saved: AttributeValue[] = input.map((v) => {
      const existing = state.attributeValues.find(
        (e) => e.attribute_id === v.attribute_id && e.customer_id === v.customer_id,
      );
      if (existing) {
        existing.attribute_value = v.value;
        existing.date_modified = now();
        return existing;
      }
      const created = {
        id: state.newId(),
        attribute_id: v.attribute_id,
        customer_id: v.customer_id,
        attribute_value: v.value,
        date_created: now(),
        date_modified: now(),
      };
      state.attributeValues.push(created);
      return created;
    });
    return collection(saved);
  },

  deleteCustomersAttributeValues: (state, query) => {
    const remove = new Set(ids(query['id:in']));
    state.attributeValues = state.attributeValues.filter((v) => !remove.has(v.id));
    return { status: 204 };
  },
};

/** A customer as a test or the stack seeds it ("Ada Lovelace" → first and last name). */
export interface CustomerSeed {
  id: number;
  email: string;
  name: string;
  groupId?: string;
}

/** Adds customers to a store, or updates those it has (by id): what signing up in the store does. */
export function seedCustomers(state: StoreState, seeds: CustomerSeed[]): SandboxCustomer[] {
  return seeds.map((seed) => {
    const [first = seed.name, ...rest] = seed.name.trim().split(/\s+/);
    const customer: SandboxCustomer = {
      id: seed.id,
      email: seed.email,
      first_name: first,
      last_name: rest.join(' ') || first,
      customer_group_id: Number(seed.groupId ?? 0),
      date_created: now(),
      date_modified: now(),
    };
    state.customers = [...state.customers.filter((c) => c.id !== seed.id), customer];
    return customer;
  });
}
