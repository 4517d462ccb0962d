// Customers (customers.v3.yml, GET /v3/customers): the admin's search by e-mail or name, and one
// customer by id. BigCommerce filters: `email:in` (exact addresses), `name:like` (a substring of
// "first_name last_name"), `id:in`.
import type { BigCommerceClient } from './client';

/** The fields of a BigCommerce customer the admin shows (customer_Full has many more). */
export interface Customer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
}

/** One of: an exact e-mail address, a substring of the name, or customer ids. */
export type CustomerFilter = { email: string } | { name: string } | { ids: number[] };

function queryOf(filter: CustomerFilter, limit: number): Record<string, string> {
  const base = { limit: String(limit), sort: 'last_name:asc' };
  if ('email' in filter) return { ...base, 'email:in': filter.email };
  // `name:like` takes a comma-separated list: a comma in the text would split it into two terms.
  if ('name' in filter) return { ...base, 'name:like': filter.name.replaceAll(',', ' ') };
  return { ...base, 'id:in': filter.ids.join(',') };
}

/** The customers matching `filter`, at most `limit` (one page). */
export async function findCustomers(
  client: BigCommerceClient,
  filter: CustomerFilter,
  limit = 20,
): Promise<Customer[]> {
  const page = await client.call<{ data: Customer[] }>('getCustomers', 'GET', '/v3/customers', {
    query: queryOf(filter, limit),
  });
  return page.data;
}
