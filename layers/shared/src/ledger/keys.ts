// Key layout of PointsTable (DESIGN §4). Every key of a customer starts with its store, so store
// isolation is a property of the key, not of a filter.
export interface CustomerRef {
  storeHash: string;
  customerId: number;
}

export const ACCOUNT_SK = 'ACCOUNT';
export const ENTRY_PREFIX = 'TX#';
export const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';

export const accountPk = ({ storeHash, customerId }: CustomerRef): string => `STORE#${storeHash}#CUSTOMER#${customerId}`;

/**
 * Ledger entries sort by the account version they produced: strictly ordered per account, unlike
 * wall-clock ids from different containers.
 */
export const entrySk = (version: number): string => `${ENTRY_PREFIX}${String(version).padStart(12, '0')}`;
export const ENTRY_SK_PATTERN = /^TX#\d{12}$/;

export const idempotencySk = (key: string): string => `${IDEMPOTENCY_PREFIX}${key}`;
