// Arbitrary balance changes for the ledger's property tests (unit tier): earnings, redemptions,
// adjustments either way and reversals (which may leave a balance below zero).
import fc from 'fast-check';
import type { PointsChange } from '../../layers/shared/src/ledger/plan-change';

/** A change of up to `max` points of any type the ledger makes. */
export const arbitraryChange = (max = 10_000): fc.Arbitrary<PointsChange> =>
  fc
    .oneof(
      fc.record({ type: fc.constant('earn' as const), points: fc.integer({ min: 1, max }) }),
      fc.record({ type: fc.constant('redeem' as const), points: fc.integer({ min: -max, max: -1 }) }),
      fc.record({
        type: fc.constant('adjust' as const),
        points: fc.integer({ min: -max / 2, max: max / 2 }).filter((n) => n !== 0),
      }),
      fc.record({
        type: fc.constant('reverse' as const),
        points: fc.integer({ min: -max, max: -1 }),
        allowNegativeBalance: fc.constant(true),
      }),
    )
    .map((c): PointsChange => ({ reason: 'property', ...c }));
