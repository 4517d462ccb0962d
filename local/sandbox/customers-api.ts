// Customer attributes and attribute values of the Management API (customers.v3.yml), with state.
// Requests arrive already validated against the spec; these handlers add what the spec's schemas
// cannot say but its text does (10 customers per upsert, unique attribute names, known attributes).
import { collection, type Handler, ids, unprocessable } from './api-result';
import type { AttributeValue } from './store-records';

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const customerHandlers: Record<string, Handler> = {
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
