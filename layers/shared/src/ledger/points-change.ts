// The one way a balance changes (DESIGN §4), the DynamoDB adapter of the ledger's rules
// (plan-change.ts): read the account (and the idempotency record), plan the change, then one
// TransactWriteItems that updates the account only if its version is still the one read, puts the
// ledger entry and the idempotency record, plus any records the caller adds (an order record, a
// redemption and its coupon lookup), built from the change so they carry its time and ids, and the
// store's figures (stats.ts: one shard of the month and of the totals), so they are exact.
// A concurrent change makes the transaction fail as a whole; we then read again and retry.
import { BatchGetCommand, TransactionCanceledException, TransactWriteCommand } from '../aws';
import { ConcurrentUpdate } from '../errors';
import { backoffMs, sleep } from '../retry';
import { ACCOUNT_SK, accountPk, entrySk, idempotencySk } from '../table-keys';
import { type CustomerRef, toAccount, type PointsAccount } from './model';
import { planChange, replayOf, type PlannedChange, type PointsChange, type StoredIdempotency } from './plan-change';
import { statsWrites } from './stats';
import { getItem, type PointsTable, type TransactItem } from './table';

export type { PointsChange } from './plan-change';
export type { TransactItem } from './table';

/** Makes a change once per key: a retry with the same key and request gets `response` again. */
export interface Idempotency<R> {
  key: string;
  /** Hash of the request's meaning: the same key with another request is refused. */
  requestHash: string;
  /** The response kept with the key and replayed to retries. */
  response: (result: AppliedChange) => R;
  ttlSeconds?: number;
}

/** The account after the change and its ledger entry, as written. */
export type AppliedChange = PlannedChange;

/** The change made now, or the kept response of an earlier request with the same key. */
export type ChangeOutcome<R> =
  | { replayed: false; result: AppliedChange; response: R }
  | { replayed: true; response: R };

/** A record the caller added to the transaction already existed in a conflicting state. */
export class ConditionOfExtraWriteFailed extends Error {
  constructor(readonly index: number) {
    super(`condition of extra write ${index} failed`);
  }
}

/** How a change is made besides the change itself. */
export interface ChangeOptions<R> {
  idempotency?: Idempotency<R>;
  /** Records written in the same transaction (a list, or built from the planned change). */
  extraWrites?: TransactItem[] | ((result: AppliedChange) => TransactItem[]);
  /**
   * Epoch ms after which no retry starts (`deadlineOf(context, …)` in a function); by default
   * DEFAULT_RETRY_BUDGET_MS from now. Giving up in time lets the client get a clean 409.
   */
  deadline?: number;
}

const MAX_ATTEMPTS = 30;
/** The retry budget without a deadline (CLIs, tests): well inside any function's timeout. */
const DEFAULT_RETRY_BUDGET_MS = 4_000;
const DAY_SECONDS = 86_400;

/**
 * Changes a balance exactly once: one transaction with its ledger entry, the idempotency record
 * (when `idempotency` is given) and the caller's `extraWrites`.
 *
 * @returns the applied change and the response to keep, or the response kept by an earlier request
 *   with the same key (`replayed: true`).
 * @throws InsufficientPoints when a debit would overdraw and the change does not allow it.
 * @throws IdempotencyKeyReused when the key was used by a different request.
 * @throws ConditionOfExtraWriteFailed when one of `extraWrites` found its record in a conflicting state.
 * @throws ConcurrentUpdate when other writers kept winning for the whole retry budget (safe to retry).
 * @example
 * await applyPointsChange(table, { storeHash, customerId }, { type: 'adjust', points: 250, reason: 'Welcome bonus' });
 */
export async function applyPointsChange<R = undefined>(
  { client, name }: PointsTable,
  customer: CustomerRef,
  change: PointsChange,
  options: ChangeOptions<R> = {},
): Promise<ChangeOutcome<R>> {
  const pk = accountPk(customer);
  const { idempotency, extraWrites = [], deadline = Date.now() + DEFAULT_RETRY_BUDGET_MS } = options;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && Date.now() < deadline; attempt++) {
    if (attempt > 0) await sleep(backoffMs(attempt, 5, 200));
    const nowMs = Date.now();
    const keys = [{ pk, sk: ACCOUNT_SK }];
    if (idempotency) keys.push({ pk, sk: idempotencySk(idempotency.key) });
    const read = await client.send(
      new BatchGetCommand({ RequestItems: { [name]: { Keys: keys, ConsistentRead: true } } }),
    );
    if (Object.keys(read.UnprocessedKeys ?? {}).length > 0) continue;
    const items = read.Responses?.[name] ?? [];
    if (idempotency) {
      const stored = items.find((i) => i.sk !== ACCOUNT_SK) as StoredIdempotency | undefined;
      const replay = replayOf<R>(stored, idempotency.requestHash, nowMs);
      if (replay) return { replayed: true, response: replay.response };
    }

    const before = toAccount(
      customer,
      items.find((i) => i.sk === ACCOUNT_SK),
    );
    const result = planChange(before, change, nowMs);
    const response = idempotency?.response(result) as R;
    const transactItems: TransactItem[] = [
      ...changeWrites(name, before, result),
      ...statsWrites(name, before, result),
      ...(idempotency ? [idempotencyWrite(name, pk, idempotency, response, nowMs)] : []),
    ];
    const extraStart = transactItems.length;
    transactItems.push(...(typeof extraWrites === 'function' ? extraWrites(result) : extraWrites));

    try {
      await client.send(new TransactWriteCommand({ TransactItems: transactItems }));
      return { replayed: false, result, response };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedExtra = reasons.findIndex((r, i) => i >= extraStart && r.Code === 'ConditionalCheckFailed');
      if (failedExtra >= 0) throw new ConditionOfExtraWriteFailed(failedExtra - extraStart);
      // Version moved, a concurrent idempotent twin won, or a transaction conflict: read again.
    }
  }
  throw new ConcurrentUpdate();
}

/** The account update, conditioned on the version read, and the entry under the new version. */
function changeWrites(tableName: string, before: PointsAccount, { account, entry }: PlannedChange): TransactItem[] {
  const pk = accountPk(account);
  return [
    {
      Update: {
        TableName: tableName,
        Key: { pk, sk: ACCOUNT_SK },
        UpdateExpression:
          'SET storeHash = :store, customerId = :customer, balance = :balance, ' +
          'lifetimeEarned = :earned, lifetimeRedeemed = :redeemed, updatedAt = :at, version = :next',
        ConditionExpression: before.version === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
        ExpressionAttributeValues: {
          ':store': account.storeHash,
          ':customer': account.customerId,
          ':balance': account.balance,
          ':earned': account.lifetimeEarned,
          ':redeemed': account.lifetimeRedeemed,
          ':at': account.updatedAt,
          ':next': account.version,
          ...(before.version === 0 ? {} : { ':read': before.version }),
        },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { pk, sk: entrySk(account.version), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** The idempotency record: the request's hash and the JSON answered, kept at least a day. */
function idempotencyWrite<R>(
  tableName: string,
  pk: string,
  idempotency: Idempotency<R>,
  response: R,
  nowMs: number,
): TransactItem {
  const nowSeconds = Math.floor(nowMs / 1000);
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk,
        sk: idempotencySk(idempotency.key),
        requestHash: idempotency.requestHash,
        response: JSON.stringify(response),
        createdAt: new Date(nowMs).toISOString(),
        expiresAt: nowSeconds + (idempotency.ttlSeconds ?? DAY_SECONDS),
      },
      // An expired record may linger until TTL deletes it; it no longer counts.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}

/**
 * The answer an earlier change with this idempotency key gave, for a retry that can no longer be
 * made again (e.g. its reward was disabled since): undefined when the key was not used.
 *
 * @throws IdempotencyKeyReused when the key was used by a different request.
 */
export async function storedResponse<R>(
  table: PointsTable,
  customer: CustomerRef,
  idempotency: { key: string; requestHash: string },
): Promise<R | undefined> {
  const stored = await getItem(table, { pk: accountPk(customer), sk: idempotencySk(idempotency.key) }, true);
  return replayOf<R>(stored as StoredIdempotency | undefined, idempotency.requestHash, Date.now())?.response;
}
