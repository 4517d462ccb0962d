// The lookup plan of a batch's order ids: ranges of at most a page of ids (one list call each, never
// a second page), singles for ids alone in their span, every id covered exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOrderLookups } from '@bc-loyalty/shared/orders';

describe('planOrderLookups', () => {
  it.each([
    [[], { ranges: [], singles: [] }],
    [[7], { ranges: [], singles: [7] }],
    [[101, 102, 180, 9000], { ranges: [{ minId: 101, maxId: 180 }], singles: [9000] }],
    [[350, 100, 100, 349], { ranges: [{ minId: 100, maxId: 349 }], singles: [350] }],
    [
      [100, 350, 351, 5000, 5249],
      {
        ranges: [
          { minId: 350, maxId: 351 },
          { minId: 5000, maxId: 5249 },
        ],
        singles: [100],
      },
    ],
  ])('plans %j', (ids, expected) => {
    expect(planOrderLookups(ids, 250)).toEqual(expected);
  });

  it('covers every id once, with ranges of at most a page of ids holding two or more of them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 100, max: 20_000 }), { maxLength: 400 }), (ids) => {
        const plan = planOrderLookups(ids, 250);
        const unique = new Set(ids);
        const covered = [
          ...plan.singles,
          ...plan.ranges.flatMap((r) => [...unique].filter((id) => id >= r.minId && id <= r.maxId)),
        ];
        expect(covered.sort((a, b) => a - b)).toEqual([...unique].sort((a, b) => a - b));
        for (const r of plan.ranges) {
          expect(r.maxId - r.minId).toBeLessThan(250);
          expect([...unique].filter((id) => id >= r.minId && id <= r.maxId).length).toBeGreaterThanOrEqual(2);
        }
        // No more calls than one per id, and never more than a call per 250-id span plus singles.
        expect(plan.ranges.length + plan.singles.length).toBeLessThanOrEqual(unique.size);
      }),
    );
  });
});
