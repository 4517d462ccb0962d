// The writers of a store's record and its control-panel users (DESIGN §12). Each is one
// UpdateItem (the uninstall one transaction with its purge-queue entry), so a repeated
// callback (a re-install, a second uninstall) lands in place.
import { TransactWriteCommand, UpdateCommand } from '../aws';
import { conditionalWrite, type PointsTable } from '../ledger';
import { storeKey, storeUserKey } from '../table-keys';
import { purgeEntry } from './purge-queue';
import type { StepsReport } from './store-record';

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Marks the store installed with its granted scopes and its (already encrypted) token. A repeated
 * install (re-auth, scope change) updates the same item: the earning settings and users stay.
 * `grantedAt` (when BigCommerce granted the token) becomes `installedAt`; answers false, writing
 * nothing, when a later grant is recorded already (two installs raced: the newer token wins).
 */
export async function recordInstall(
  table: PointsTable,
  install: { storeHash: string; scopes: string; encryptedAccessToken: string },
  grantedAt: Date = new Date(),
): Promise<boolean> {
  return conditionalWrite(
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: storeKey(install.storeHash),
        UpdateExpression:
          'SET storeHash = :store, #status = :installed, scopes = :scopes, encryptedAccessToken = :token, installedAt = :now REMOVE uninstalledAt, teardown',
        // ISO 8601 UTC strings order as the times they name.
        ConditionExpression: 'attribute_not_exists(installedAt) OR installedAt < :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':store': install.storeHash,
          ':installed': 'installed',
          ':scopes': install.scopes,
          ':token': install.encryptedAccessToken,
          ':now': grantedAt.toISOString(),
        },
      }),
    ),
  );
}

/** Records what the store's setup did (`failed` empty: complete), if the store is still installed. */
export async function recordSetup(table: PointsTable, storeHash: string, setup: StepsReport): Promise<void> {
  await table.client
    .send(
      new UpdateCommand({
        TableName: table.name,
        Key: storeKey(storeHash),
        UpdateExpression: 'SET setup = :setup',
        ConditionExpression: '#status = :installed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':setup': setup, ':installed': 'installed' },
      }),
    )
    .catch((error: Error) => {
      // Uninstalled meanwhile: there is nothing left to report setup for.
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/**
 * Marks the store uninstalled and deletes its token; `teardown` says what could not be removed
 * from the store. The ledger, settings and rewards stay until the retention job deletes them: the
 * same transaction queues the store for it (purge-stores.ts; docs/app.md, "Uninstall and retention").
 * Given the `installedAt` the uninstall read, only that install is ended: false, and nothing
 * written, when a newer install landed meanwhile (a quick reinstall while a slow teardown ran) or
 * there is no record.
 */
export async function recordUninstall(
  table: PointsTable,
  storeHash: string,
  teardown: StepsReport,
  { installedAt, now = new Date() }: { installedAt?: string; now?: Date } = {},
): Promise<boolean> {
  const uninstalledAt = now.toISOString();
  const sameInstall = installedAt === undefined ? '' : ' AND installedAt = :installedAt';
  const write = table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: table.name,
            Key: storeKey(storeHash),
            UpdateExpression:
              'SET #status = :uninstalled, uninstalledAt = :now, teardown = :teardown REMOVE encryptedAccessToken',
            ConditionExpression: `attribute_exists(pk)${sameInstall}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':uninstalled': 'uninstalled',
              ':now': uninstalledAt,
              ':teardown': teardown,
              ...(installedAt === undefined ? {} : { ':installedAt': installedAt }),
            },
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: purgeEntry({ storeHash, uninstalledAt }),
          },
        },
      ],
    }),
  );
  return conditionalWrite(write);
}

/**
 * Records a control-panel user who opened the app, as BigCommerce vouched for them at `signedAt`
 * (epoch seconds: the payload's `iat`, or the install's grant). `sessionsValidAfter` is set only
 * when the user is new: sessions issued before the user appeared are refused. Answers false,
 * writing nothing, when the user was removed at or after `signedAt` (a replayed older payload);
 * a later payload (the owner added them again) clears the removal.
 */
export async function upsertStoreUser(
  table: PointsTable,
  user: { storeHash: string; userId: number; email: string | null },
  signedAt: number,
  now: Date = new Date(),
): Promise<boolean> {
  return conditionalWrite(
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: storeUserKey(user.storeHash, user.userId),
        UpdateExpression:
          'SET storeHash = :store, userId = :user, email = :email, sessionsValidAfter = if_not_exists(sessionsValidAfter, :now) REMOVE removedAt',
        ConditionExpression: 'attribute_not_exists(removedAt) OR removedAt < :signed',
        ExpressionAttributeValues: {
          ':store': user.storeHash,
          ':user': user.userId,
          ':email': user.email,
          ':now': seconds(now),
          ':signed': signedAt,
        },
      }),
    ),
  );
}

/**
 * Marks a control-panel user removed (`remove_user`): a tombstone, not a deletion, so the admin
 * authorizer refuses their sessions and `upsertStoreUser` refuses their payloads signed until now.
 */
export async function removeStoreUser(
  table: PointsTable,
  storeHash: string,
  userId: number,
  now: Date = new Date(),
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: storeUserKey(storeHash, userId),
      // Sessions from the removal's second on stay refused should the user be added again.
      UpdateExpression: 'SET storeHash = :store, userId = :user, removedAt = :now, sessionsValidAfter = :after',
      ExpressionAttributeValues: {
        ':store': storeHash,
        ':user': userId,
        ':now': seconds(now),
        ':after': seconds(now) + 1,
      },
    }),
  );
}
