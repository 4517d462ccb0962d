// Where a store's BigCommerce windows start, agreed by every function of the store through
// PointsTable. BigCommerce counts the quota in windows of its own phase (an answer's
// X-Rate-Limit-Time-Reset-Ms tells when the current one ends); budget windows aligned to the clock
// instead could put the grants of two of ours in one of its windows: up to twice our share, the
// reserve for other apps gone. Budget items are keyed by their window's start, so every handle must
// use exactly the same phase: one stored value, replaced (compare-and-set) only when an answer
// shows it off by more than PHASE_TOLERANCE, and read again by each handle once per window it
// draws in (so a replaced phase reaches every handle within a window).
import { ConditionalCheckFailedException, GetCommand, UpdateCommand } from '../aws';
import type { PointsTable } from '../ledger/table';
import { budgetPhaseKey } from '../table-keys';
import { PHASE_TOLERANCE, phaseDistanceToSpan, phaseOf, type WindowEndSpan } from './policy';

/** While no phase is known, how often (a fraction of the window) a waiting handle reads it again. */
export const UNKNOWN_READ_EVERY = 0.02;

/** The stored phase: windows of `windowMs` start `phaseMs` into the clock's. */
interface AgreedPhase {
  phaseMs: number;
  windowMs: number;
}

/** A handle's view of the store's agreed phase; see windowPhase. */
export interface WindowPhase {
  /** The agreed phase of windows of `windowMs`; undefined until one is stored. */
  phaseFor(windowMs: number): number | undefined;
  /**
   * Reads the stored phase once per window of the clock (`now`, `windowMs`), or every 2% of one while
   * none is known (another handle's probe may store it any moment); concurrent callers share the read.
   */
  refresh(now: number, windowMs: number): Promise<void>;
  /**
   * Learns where BigCommerce's window ends from an answer; stores that phase (the span's middle)
   * when the agreed one lies too far outside the span.
   */
  observe(windowEnd: WindowEndSpan, windowMs: number): Promise<void>;
}

/**
 * The store's agreed window phase, as one budget handle sees it.
 *
 * @example
 * const phase = windowPhase(table, 'abc123');
 * await phase.refresh(Date.now(), 30_000);
 * const start = windowStartOf(Date.now(), 30_000, phase.phaseFor(30_000) ?? 0);
 */
export function windowPhase(table: PointsTable, storeHash: string): WindowPhase {
  const key = budgetPhaseKey(storeHash);
  let agreed: AgreedPhase | undefined;
  let refreshed: { window: number; read: Promise<void> } | undefined;
  let storing: Promise<void> | undefined;
  /** Bumped by each phase this handle stores: a read begun before it must not undo it. */
  let stored = 0;

  async function read(): Promise<void> {
    const before = stored;
    const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
    if (stored === before) agreed = Item && { phaseMs: Number(Item.phaseMs), windowMs: Number(Item.windowMs) };
  }

  const strays = (span: WindowEndSpan, windowMs: number) =>
    agreed?.windowMs !== windowMs || phaseDistanceToSpan(agreed.phaseMs, span, windowMs) > windowMs * PHASE_TOLERANCE;

  /** Stores the span's phase unless the phase stored meanwhile fits it; a handle that loses the race keeps to the winner's. */
  async function store(span: WindowEndSpan, windowMs: number): Promise<void> {
    await read();
    if (!strays(span, windowMs)) return;
    const phaseMs = phaseOf((span.earliest + span.latest) / 2, windowMs);
    const was = agreed;
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET phaseMs = :phase, windowMs = :window',
          ConditionExpression: was ? 'phaseMs = :was AND windowMs = :wasWindow' : 'attribute_not_exists(phaseMs)',
          ExpressionAttributeValues: {
            ':phase': phaseMs,
            ':window': windowMs,
            ...(was ? { ':was': was.phaseMs, ':wasWindow': was.windowMs } : {}),
          },
        }),
      );
      agreed = { phaseMs, windowMs };
      stored++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await read();
    }
  }

  return {
    phaseFor: (windowMs) => (agreed?.windowMs === windowMs ? agreed.phaseMs : undefined),
    refresh(now, windowMs) {
      const window = Math.floor(now / (agreed?.windowMs === windowMs ? windowMs : windowMs * UNKNOWN_READ_EVERY));
      if (refreshed?.window !== window) {
        // a failed read is tried again by the next caller rather than failing the whole window
        const attempt = read().catch((error: unknown) => {
          if (refreshed?.read === attempt) refreshed = undefined;
          throw error;
        });
        refreshed = { window, read: attempt };
      }
      return refreshed.read;
    },
    observe(span, windowMs) {
      if (!storing && strays(span, windowMs)) {
        storing = store(span, windowMs).finally(() => {
          storing = undefined;
        });
      }
      return storing ?? Promise.resolve();
    },
  };
}
