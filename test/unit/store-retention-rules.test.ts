// The retention of uninstalled stores' data as pure rules: when a store is due, which partitions
// are a store's (the prefix trap), the purge queue's order, and that the stream consumers take a
// purge's deletes for nothing.
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountChangesOf } from '@bc-loyalty/shared/mirror';
import { orderEventOf } from '@bc-loyalty/shared/orders';
import { isDueForPurge, purgeCutoff, type StoreRecord } from '@bc-loyalty/shared/stores';
import {
  accountKey,
  auditKey,
  couponKey,
  orderKey,
  purgeCheckpointKey,
  purgeEntriesUpTo,
  purgeEntryKey,
  redemptionKey,
  rewardKey,
  storeKey,
  storeOfPk,
} from '../../layers/shared/src/table-keys';
import { eventSourceSettings, selectRecords } from '../../local/stream-records';
import type { TemplateValue } from '../../local/template';
import { template } from '../support/environment';

type TemplateEvent = { Type: string; Properties: Record<string, TemplateValue> };

const NOW = new Date('2026-11-26T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const record = (fields: Partial<StoreRecord>): StoreRecord => ({
  storeHash: 'abc',
  status: 'uninstalled',
  scopes: '',
  installedAt: daysAgo(400),
  ...fields,
});

describe('isDueForPurge', () => {
  const at = daysAgo(91);
  it.each([
    ['uninstalled 91 days ago', record({ uninstalledAt: at }), at, 90, true],
    ['uninstalled exactly 90 days ago', record({ uninstalledAt: daysAgo(90) }), daysAgo(90), 90, true],
    ['uninstalled 89 days ago', record({ uninstalledAt: daysAgo(89) }), daysAgo(89), 90, false],
    ['uninstalled 2 days ago, retention 1 day', record({ uninstalledAt: daysAgo(2) }), daysAgo(2), 1, true],
    ['reinstalled since (no uninstalledAt)', record({ status: 'installed' }), at, 90, false],
    ['uninstalled again later (its own entry comes due then)', record({ uninstalledAt: daysAgo(3) }), at, 90, false],
    ['already gone (no record)', undefined, at, 90, false],
  ])('%s → %s', (_case, store, uninstalledAt, days, due) => {
    expect(isDueForPurge(store, { storeHash: 'abc', uninstalledAt }, NOW, days)).toBe(due);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a retention of %s days', (days) => {
    expect(() => purgeCutoff(NOW, days)).toThrow(RangeError);
  });
});

describe('the purge keys', () => {
  it("tells a store's partitions by exact hash: STORE#abc is not STORE#abcd's", () => {
    const keys = [
      storeKey('abc'),
      rewardKey('abc', 'five-off'),
      accountKey({ storeHash: 'abc', customerId: 7 }),
      redemptionKey({ storeHash: 'abc', customerId: 7 }, '01JD7X5Q9W2M3N4P5R6S7T8V9W'),
      couponKey('abc', 'pts-1'),
      orderKey('abc', 12),
      auditKey('abc', '01JD7X5Q9W2M3N4P5R6S7T8V9W'),
    ];
    for (const { pk } of keys) {
      expect(storeOfPk(pk), pk).toBe('abc');
      expect(storeOfPk(pk.replace('STORE#abc', 'STORE#abcd')), pk).toBe('abcd');
    }
    expect(storeOfPk('PURGE')).toBeUndefined();
    expect(storeOfPk('STORE#ABC')).toBeUndefined();
  });

  it('queues an uninstall up to a cutoff exactly when it happened at or before it, and never the checkpoint', () => {
    const time = fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,32}$/), time, time, (store, uninstalled, cutoff) => {
        const { sk } = purgeEntryKey(store, uninstalled.toISOString());
        expect(sk <= purgeEntriesUpTo(cutoff)).toBe(uninstalled.getTime() <= cutoff.getTime());
        expect(purgeCheckpointKey.sk > purgeEntriesUpTo(cutoff)).toBe(true);
      }),
    );
  });
});

describe("the stream consumers and a purge's deletes", () => {
  const removed = (key: { pk: string; sk: string }) => ({
    eventID: '1',
    eventName: 'REMOVE' as const,
    dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } }, SequenceNumber: '1' },
  });
  const deletes = [
    removed(accountKey({ storeHash: 'abc', customerId: 7 })),
    removed(redemptionKey({ storeHash: 'abc', customerId: 7 }, '01JD7X5Q9W2M3N4P5R6S7T8V9W')),
    removed({ pk: orderKey('abc', 12).pk, sk: 'EVENT#x' }),
  ];

  it.each(['MirrorFunction', 'CouponIssuerFunction', 'OrderEventsFunction'])(
    "%s's event source filter lets no REMOVE through",
    (id) => {
      const events = Object.values(template.Resources[id]!.Properties!.Events as Record<string, TemplateEvent>);
      const stream = events.find((e) => e.Type === 'DynamoDB')!;
      expect(selectRecords(deletes, 'arn', eventSourceSettings(stream.Properties))).toEqual([]);
    },
  );

  it('the mirror itself writes no balance (not a 0) for a deleted account; the order processor sees no event', () => {
    const records = deletes as DynamoDBRecord[];
    expect(accountChangesOf(records)).toEqual([]);
    expect(records.map(orderEventOf)).toEqual([undefined, undefined, undefined]);
  });
});
