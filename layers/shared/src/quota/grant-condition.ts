// The condition of a grant, one conditional ADD of `units` to a window's budget item: it holds
// when the window's grants stay within the caller's cap (policy.ts, capOf), so concurrent
// handles in separate Lambda environments can never grant past it together.
import type { CallPriority } from './policy';

/** A DynamoDB condition expression with its placeholders. */
export interface GrantCondition {
  expression: string;
  values: Record<string, number>;
  names: Record<string, string>;
}

/**
 * The condition that the item's `used` plus `units` stays within `cap`, or within `alone.cap`
 * while none of `alone.higher` has an attribute in the item (has called or waits in the window).
 * A limit below `units` drops its branch: a new item (no `used` yet) would otherwise pass it.
 *
 * @example grantCondition(1, 60, { cap: 108, higher: ['reward'] }).expression
 * // '(attribute_not_exists(used) OR used < :cap) OR ((attribute_not_exists(used) OR used < :alone) AND attribute_not_exists(#h0))'
 */
export function grantCondition(
  units: number,
  cap: number,
  alone?: { cap: number; higher: readonly CallPriority[] },
): GrantCondition {
  // used + units ≤ limit, as used < limit − units + 1
  const within = (placeholder: string) => `(attribute_not_exists(used) OR used < ${placeholder})`;
  const branches: string[] = [];
  const values: Record<string, number> = {};
  const names: Record<string, string> = {};
  if (units <= cap) {
    branches.push(within(':cap'));
    values[':cap'] = cap - units + 1;
  }
  if (alone && units <= alone.cap) {
    alone.higher.forEach((p, i) => {
      names[`#h${i}`] = p;
    });
    const none = alone.higher.map((_, i) => `attribute_not_exists(#h${i})`).join(' AND ');
    branches.push(`(${within(':alone')} AND ${none})`);
    values[':alone'] = alone.cap - units + 1;
  }
  return { expression: branches.join(' OR '), values, names };
}
