// Money as BigCommerce's Management API writes it ('64.5300', four decimals), counted in cents.

/** A decimal string ('64.53', '64.5300') as cents. */
export const cents = (amount: string): bigint => {
  const [w = '0', f = ''] = amount.split('.');
  return BigInt(w) * 100n + BigInt(`${f}00`.slice(0, 2));
};

/** Cents as BigCommerce's four-decimal string. */
export const money = (value: bigint): string => `${value / 100n}.${String(value % 100n).padStart(2, '0')}00`;
