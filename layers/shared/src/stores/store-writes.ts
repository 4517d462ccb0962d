// The writers of a store's record and its control-panel users (DESIGN §12). Each is one
// UpdateItem/DeleteItem (the uninstall one transaction with its purge-queue entry), so a repeated
// callback (a re-install, a second uninstall) lands in place.
import { DeleteCommand, TransactWriteCommand, UpdateCommand } from '../aws';
import type { PointsTable } from '../ledger';
import { storeKey, storeUserKey } from '../table-keys';
import { purgeEntry } from './purge-queue';
import type { StepsReport } from './store-record';

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Marks the store installed with its granted scopes and its (already encrypted) token. A repeated
 * install (re-auth, scope change) updates the same item: the earning settings and users stay.
 */
export async function recordInstall(
  table: PointsTable,
  install: { storeHash: string; scopes: string; encryptedAccessToken: string },
  now: Date = new Date(),
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: storeKey(install.storeHash),
      UpdateExpression:
        'SET storeHash = :store, #status = :installed, scopes = :scopes, encryptedAccessToken = :token, installedAt = :now REMOVE uninstalledAt, teardown',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':store': install.storeHash,
        ':installed': 'installed',
        ':scopes': install.scopes,
        ':token': install.encryptedAccessToken,
        ':now': now.toISOString(),
      },
    }),
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
 *
 * @throws TransactionCanceledException when the store has no record.
 */
export async function recordUninstall(
  table: PointsTable,
  storeHash: string,
  teardown: StepsReport,
  now: Date = new Date(),
): Promise<void> {
  const uninstalledAt = now.toISOString();
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: table.name,
            Key: storeKey(storeHash),
            UpdateExpression:
              'SET #status = :uninstalled, uninstalledAt = :now, teardown = :teardown REMOVE encryptedAccessToken',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':uninstalled': 'uninstalled', ':now': uninstalledAt, ':teardown': teardown },
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
}

/**
 * Records a control-panel user who opened the app. `sessionsValidAfter` is set only when the user
 * is new (or was removed): sessions issued before the user (re)appeared are refused.
 */
export async function upsertStoreUser(
  table: PointsTable,
  user: { storeHash: string; userId: number; email: string | null },
  now: Date = new Date(),
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: storeUserKey(user.storeHash, user.userId),
      UpdateExpression:
        'SET storeHash = :store, userId = :user, email = :email, sessionsValidAfter = if_not_exists(sessionsValidAfter, :now)',
      ExpressionAttributeValues: {
        ':store': user.storeHash,
        ':user': user.userId,
        ':email': user.email,
        ':now': seconds(now),
      },
    }),
  );
}

/** Forgets a control-panel user (`remove_user`): the admin authorizer refuses their sessions from then on. */
export async function removeStoreUser(table: PointsTable, storeHash: string, userId: number): Promise<void> {
  await table.client.send(new DeleteCommand({ TableName: table.name, Key: storeUserKey(storeHash, userId) }));
}
