// A store's earning rule as the merchant sets it (points per currency unit, the order statuses that
// earn and reverse): kept in the store record's `earning` field; the deploy parameters are the
// defaults (earningSettingsOf). Order processing reads it from there.
import { TransactWriteCommand } from '../aws';
import { POINTS_PER_UNIT, z } from '../config';
import type { AdminRef } from '../http';
import type { PointsTable } from '../ledger';
import { type EarningSettings, earningSettingsOf, getStoreRecord } from '../stores';
import { storeKey } from '../table-keys';
import { auditorOf } from './audit';

/** BigCommerce's order status ids (0 Incomplete … 14 Partially Refunded; orders.v2). */
const statusIds = z
  .array(z.int().check(z.minimum(0), z.maximum(14)))
  .check(z.refine((ids: number[]) => new Set(ids).size === ids.length, 'each status once'));

/** What a merchant may set: strict, and no status both earns and reverses. */
export const earningSettingsInput = z
  .strictObject({
    pointsPerUnit: z.string().check(z.regex(POINTS_PER_UNIT, 'a decimal like 1 or 2.5 (up to 6 decimals)')),
    earnStatusIds: statusIds,
    reverseStatusIds: statusIds,
  })
  .check(
    z.refine(
      (s) => !s.earnStatusIds.some((id) => s.reverseStatusIds.includes(id)),
      'a status cannot both earn and reverse',
    ),
  );

/** The store's settings and the deploy parameters they fall back to. */
export type EarningView = EarningSettings & { defaults: EarningSettings };

/** The store's earning rule now, with the defaults. */
export async function earningSettings(
  table: PointsTable,
  storeHash: string,
  defaults: EarningSettings,
): Promise<EarningView> {
  return { ...earningSettingsOf(await getStoreRecord(table, storeHash), defaults), defaults };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Saves the store's earning rule (validated by earningSettingsInput) with its audit item, in one transaction. */
export async function saveEarningSettings(
  table: PointsTable,
  admin: AdminRef,
  input: EarningSettings,
  defaults: EarningSettings,
): Promise<EarningView> {
  const earning: EarningSettings = {
    pointsPerUnit: input.pointsPerUnit,
    earnStatusIds: sorted(input.earnStatusIds),
    reverseStatusIds: sorted(input.reverseStatusIds),
  };
  const audit = await auditorOf(table, admin);
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          // A single-store deployment has no record yet: this creates one holding only the settings.
          Update: {
            TableName: table.name,
            Key: storeKey(admin.storeHash),
            UpdateExpression: 'SET earning = :earning, storeHash = :store',
            ExpressionAttributeValues: { ':earning': earning, ':store': admin.storeHash },
          },
        },
        audit('settings.earning', 'settings:earning', { ...earning }),
      ],
    }),
  );
  return { ...earning, defaults };
}
