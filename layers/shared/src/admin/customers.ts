// The admin's customers: BigCommerce's Customers API for who they are, the ledger for their points.
import { type Customer, findCustomers, requireStoreClient } from '../bigcommerce';
import { CustomerNotFound } from '../errors';
import { getAccount, getAccounts, type PointsTable } from '../ledger';

/** A customer in the search results: who, and their points. */
export interface CustomerSummary {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  balance: number;
  lifetimeEarned: number;
}

const SEARCH_LIMIT = 20;
const who = (c: Customer) => ({ id: c.id, email: c.email, firstName: c.first_name, lastName: c.last_name });

/** Customers whose e-mail is `q` (when it has an `@`) or whose name contains `q`, with their balances. */
export async function searchCustomers(table: PointsTable, storeHash: string, q: string): Promise<CustomerSummary[]> {
  const client = await requireStoreClient(storeHash, { priority: 'admin' }, table);
  const found = await findCustomers(client, q.includes('@') ? { email: q } : { name: q }, SEARCH_LIMIT);
  const accounts = await getAccounts(
    table,
    storeHash,
    found.map((c) => c.id),
  );
  return found.map((c, i) => ({
    ...who(c),
    balance: accounts[i]?.balance ?? 0,
    lifetimeEarned: accounts[i]?.lifetimeEarned ?? 0,
  }));
}

/**
 * The customer as BigCommerce knows them.
 *
 * @throws CustomerNotFound when the store has no such customer.
 */
export async function customerOf(table: PointsTable, storeHash: string, customerId: number) {
  const [customer] = await findCustomers(
    await requireStoreClient(storeHash, { priority: 'admin' }, table),
    { ids: [customerId] },
    1,
  );
  if (!customer || customer.id !== customerId) throw new CustomerNotFound(customerId);
  return who(customer);
}

/** One customer and their account. Throws CustomerNotFound. */
export async function customerDetail(table: PointsTable, storeHash: string, customerId: number) {
  const [customer, account] = await Promise.all([
    customerOf(table, storeHash, customerId),
    getAccount(table, { storeHash, customerId }),
  ]);
  const { balance, lifetimeEarned, lifetimeRedeemed, updatedAt } = account;
  return { customer, account: { balance, lifetimeEarned, lifetimeRedeemed, updatedAt } };
}
