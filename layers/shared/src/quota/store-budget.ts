// One BigCommerce request budget per store, shared by every function through PointsTable: an
// item per store per window counts the calls granted (an atomic conditional ADD under the cap of
// the caller's priority), so the budget holds across Lambda environments, which an in-memory
// limiter per container cannot. Each handle learns the window, the quota and other apps' use from
// the X-Rate-Limit-* headers of its answers (policy.ts decides the share and the caps), and keeps
// to windows phased as BigCommerce's (window-phase.ts).
import { ConditionalCheckFailedException, UpdateCommand } from '../aws';
import type { PointsTable } from '../ledger/table';
import { sleep } from '../retry';
import { budgetKey } from '../table-keys';
import type { BudgetGrant, BudgetOptions, BudgetWrites, CallBudget } from './call-budget';
import { grantCondition } from './grant-condition';
import {
  type CallPriority,
  capOf,
  grantCutoffOf,
  grantOpeningOf,
  higherThan,
  type OthersSeen,
  othersAfterAnswer,
  othersUsedAt,
  othersUsedOf,
  shareOf,
  wakeOf,
  windowStartOf,
} from './policy';
import { UNKNOWN_READ_EVERY, windowPhase } from './window-phase';

/** Budget items outlive their window by an hour, then TTL removes them. */
const ITEM_TTL_SECONDS = 3_600;
/** A request needs at least this long before its deadline to be worth a unit. */
const MIN_REQUEST_MS = 200;
/**
 * How long calls wait for the first answer to tell the window before going by the defaults; while
 * the store's windows are unknown as well, only a window's probe goes meanwhile.
 */
const FIRST_ANSWER_WAIT_MS = 2_000;
/**
 * Units one write may lease for calls already queued in this container (the mirror's upserts of a
 * batch, a rebuild's page): fewer writes per call, and at most this many minus one unused when the
 * window ends.
 */
const MAX_LEASE = 5;

/**
 * A handle on a store's budget, as one Lambda environment holds it (one per container and store,
 * not per call: it carries what the headers taught). `writes` counts its DynamoDB writes.
 *
 * @example
 * const budget = storeBudget(table, 'abc123', { reserve: 0.2 });
 * const grant = await budget.acquire('mirror'); // waits for the next window when the share is spent
 */
export function storeBudget(
  table: PointsTable,
  storeHash: string,
  options: BudgetOptions,
): CallBudget & { writes: BudgetWrites } {
  let quota = options.quota ?? 150;
  let windowMs = options.windowMs ?? 30_000;
  /** Other apps' use seen in BigCommerce's window ending at `windowEnd` (now + Reset-Ms); see othersUsedAt. */
  let others: OthersSeen = { used: 0, windowEnd: 0 };
  const phase = windowPhase(table, storeHash);
  /** Storing the phase an answer told: the next draw waits for it (and fails with it). */
  let learning: Promise<void> | undefined;
  /** The priorities seen active in each window (from the items our writes returned). */
  const active = new Map<number, Set<string>>();
  /** The window each priority was last refused in: until it ends, it and lower ones wait without writing. */
  const refusedIn = new Map<CallPriority, number>();
  const writes: BudgetWrites = { granted: 0, refused: 0, demand: 0, units: 0 };
  /** Units leased and not handed out yet, per priority, in their window. */
  const leases = new Map<CallPriority, { windowStart: number; left: number; used: number }>();
  // Until an answer tells the window (a bench's sandbox shrinks it), one call goes first and the
  // others wait for its headers instead of filling a window of the wrong size.
  let learned = false;
  let firstAnswer: Promise<void> | undefined;
  /**
   * Until then, with the store's windows unknown (its first calls), calls keep to one probe per
   * window: the clock's windows they count in are not BigCommerce's. After it, with no answer yet
   * (BigCommerce down), they go by the clock's windows and the defaults rather than stall.
   */
  let probingUntil: number | undefined;
  let answered = () => {};

  const update = (windowStart: number, expression: string, values: Record<string, unknown>, names = {}) =>
    new UpdateCommand({
      TableName: table.name,
      Key: budgetKey(storeHash, windowStart),
      UpdateExpression: `SET expiresAt = if_not_exists(expiresAt, :ttl) ${expression}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':ttl': Math.floor((windowStart + windowMs) / 1000) + ITEM_TTL_SECONDS, ...values },
    });

  /** One conditional ADD of `units`: the grant, or undefined when the priority's cap (or the share) would be passed. */
  async function take(
    priority: CallPriority,
    windowStart: number,
    units: number,
    probing: boolean,
  ): Promise<BudgetGrant | undefined> {
    // Probing, only a window's first request goes (capOf's 1): its answer tells the store's windows.
    const share = probing ? 0 : shareOf(quota, options.reserve, othersUsedAt(others, Date.now(), windowMs));
    // Alone in the window (no higher priority in the item) a priority may use its alone cap; once a
    // higher one is active, its cap. A higher priority active in the last window is taken to be still active.
    const higher = higherThan(priority);
    const mayBeAlone = higher.length > 0 && !higher.some((p) => active.get(windowStart - windowMs)?.has(p));
    const cap = capOf(priority, share);
    const aloneCap = capOf(priority, share, true);
    if (units > (mayBeAlone ? aloneCap : cap)) return undefined;
    const condition = grantCondition(units, cap, mayBeAlone ? { cap: aloneCap, higher } : undefined);
    const command = update(
      windowStart,
      'ADD used :n, #p :n',
      { ':n': units, ...condition.values },
      { '#p': priority, ...condition.names },
    );
    command.input.ConditionExpression = condition.expression;
    command.input.ReturnValues = 'ALL_NEW';
    try {
      const { Attributes = {} } = await table.client.send(command);
      writes.granted++;
      writes.units += units;
      active.set(windowStart, new Set(Object.keys(Attributes)));
      const used = Number(Attributes.used);
      // Concurrent calls of this container may each have leased: keep every spare unit (an
      // overwritten lease would leave units counted in the table and never sent).
      const lease = leases.get(priority);
      if (lease?.windowStart === windowStart) {
        lease.left += units - 1;
        lease.used = Math.max(lease.used, used);
      } else leases.set(priority, { windowStart, left: units - 1, used });
      return { windowStart, used: used - units + 1, at: Date.now() };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      writes.refused++;
      return undefined;
    }
  }

  /** Marks the priority as waiting for the window, so lower priorities keep to their caps in it. */
  async function markDemand(priority: CallPriority, windowStart: number): Promise<void> {
    writes.demand++;
    await table.client.send(update(windowStart, 'ADD #p :zero', { ':zero': 0 }, { '#p': priority }));
  }

  async function waitForFirstAnswer(): Promise<void> {
    if (learned) return;
    if (firstAnswer) return firstAnswer;
    firstAnswer = new Promise<void>((resolve) => {
      answered = resolve;
      setTimeout(resolve, FIRST_ANSWER_WAIT_MS);
    });
  }

  return {
    writes,
    async acquire(priority, deadline, wanted = 1) {
      probingUntil ??= Date.now() + FIRST_ANSWER_WAIT_MS;
      await waitForFirstAnswer();
      let marked: number | undefined;
      for (;;) {
        const pending = learning;
        learning = undefined;
        await pending;
        await phase.refresh(Date.now(), windowMs);
        const now = Date.now();
        const phaseMs = phase.phaseFor(windowMs);
        const windowStart = windowStartOf(now, windowMs, phaseMs ?? 0);
        const probing = phaseMs === undefined && now < probingUntil;
        for (const start of active.keys()) if (start < windowStart - windowMs) active.delete(start);
        // Refused in this window already (this priority or a higher one): wait without writing.
        const refused = [priority, ...higherThan(priority)].some((p) => refusedIn.get(p) === windowStart);
        const open = now >= grantOpeningOf(windowStart, windowMs) && now < grantCutoffOf(windowStart, windowMs);
        const lease = leases.get(priority);
        if (lease?.windowStart === windowStart && lease.left > 0 && open) {
          lease.left--;
          return { windowStart, used: lease.used - lease.left, at: now };
        }
        if (!refused && open) {
          const units = Math.min(MAX_LEASE, Math.max(1, wanted));
          const grant =
            (await take(priority, windowStart, units, probing)) ??
            (units > 1 ? await take(priority, windowStart, 1, probing) : undefined);
          if (grant) return grant;
          // Refused while probing: another probe is out, and its answer will store the windows;
          // this call then goes (below: it reads them again soon).
          if (!probing) refusedIn.set(priority, windowStart);
          // Waiting: lower priorities keep to their caps in the next window from its first request.
          if (!probing && priority !== 'mirror' && marked !== windowStart) {
            await markDemand(priority, windowStart + windowMs);
            marked = windowStart;
          }
        }
        const wake =
          probing && open
            ? now + windowMs * UNKNOWN_READ_EVERY
            : wakeOf(priority, now, windowStart, windowMs, Math.random());
        if (deadline !== undefined && wake + MIN_REQUEST_MS > deadline) return undefined;
        await sleep(wake - Date.now());
      }
    },
    observe(limit, grant) {
      if (!limit) return;
      quota = limit.quota;
      windowMs = limit.windowMs;
      learned = true;
      answered();
      const windowEnd = Date.now() + limit.resetMs;
      others = othersAfterAnswer(others, othersUsedOf(limit, grant.used), windowEnd, windowMs);
      // BigCommerce counted the request between its sending and its answer
      learning = phase.observe({ earliest: grant.at + limit.resetMs, latest: windowEnd }, windowMs);
      // The next draw awaits it and fails with its error; one overtaken by a later answer's is
      // dropped, as that answer tried again.
      learning.catch(() => {});
    },
  };
}
