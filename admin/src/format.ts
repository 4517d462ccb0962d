// How the admin writes numbers and times: one place, so every page reads alike.
const integer = new Intl.NumberFormat('en-US');

/** 12,345 */
export const points = (n: number): string => integer.format(n);

/** +250 / −40: a change, signed. */
export const signedPoints = (n: number): string => (n > 0 ? `+${integer.format(n)}` : `−${integer.format(-n)}`);

/** "Nov 26, 2026, 09:14" in the merchant's time zone; "—" for none. */
export const when = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** A fresh Idempotency-Key for one submit. */
export const idempotencyKey = (): string => crypto.randomUUID();
