// Key layout of PointsTable (DESIGN §4, §11). Every key starts with its store, so store isolation
// is a property of the key, not of a filter.
export interface CustomerRef {
  storeHash: string;
  customerId: number;
}

export const ACCOUNT_SK = 'ACCOUNT';
export const ENTRY_PREFIX = 'TX#';
export const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';

export const accountPk = ({ storeHash, customerId }: CustomerRef): string =>
  `STORE#${storeHash}#CUSTOMER#${customerId}`;

const ACCOUNT_PK = /^STORE#([a-z0-9]{1,32})#CUSTOMER#(\d{1,15})$/;
/** The customer a partition key belongs to, or undefined for any other partition. */
export function customerOfPk(pk: string): CustomerRef | undefined {
  const match = ACCOUNT_PK.exec(pk);
  return match ? { storeHash: match[1]!, customerId: Number(match[2]) } : undefined;
}

/**
 * Ledger entries sort by the account version they produced: strictly ordered per account, unlike
 * wall-clock ids from different containers.
 */
export const entrySk = (version: number): string => `${ENTRY_PREFIX}${String(version).padStart(12, '0')}`;
export const ENTRY_SK_PATTERN = /^TX#\d{12}$/;

export const idempotencySk = (key: string): string => `${IDEMPOTENCY_PREFIX}${key}`;

/** A store's own items (its reward catalog): `pk STORE#{hash}`. */
export const storePk = (storeHash: string): string => `STORE#${storeHash}`;
export const REWARD_PREFIX = 'REWARD#';
export const rewardSk = (rewardId: string): string => `${REWARD_PREFIX}${rewardId}`;

/** A redemption lives beside its account; ULID ids make `sk` sort oldest → newest. */
export const REDEMPTION_PREFIX = 'REDEMPTION#';
export const redemptionSk = (redemptionId: string): string => `${REDEMPTION_PREFIX}${redemptionId}`;
export const REDEMPTION_SK_PATTERN = /^REDEMPTION#[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Which redemption a coupon code belongs to (an order names only the code): one item per code,
 * written in the redeem transaction, so a code can never point at two redemptions.
 */
export const couponKey = (storeHash: string, code: string): { pk: string; sk: string } => ({
  pk: `STORE#${storeHash}#COUPON#${code.toUpperCase()}`,
  sk: 'COUPON',
});
