// The mirror rebuild's progress line and ETA, shared by the CLI and the AWS legs' logs: the scanned
// share of the whole table extrapolated at the run's own speed.
import { describe, expect, it } from 'vitest';
import { describeRebuild, rebuildEstimator } from '../../layers/shared/src/mirror/rebuild-eta';
import type { RebuildProgress } from '../../layers/shared/src/mirror/rebuild-mirror';

const progress = (mirrored: number, scanned: number, resumed = false): RebuildProgress => ({
  runId: 'run',
  resumed,
  mirrored,
  failed: 0,
  rewritten: 0,
  upsertCalls: mirrored / 10,
  scanned,
  done: false,
});

describe('the rebuild estimate', () => {
  it('extrapolates the scanned share of the table at the speed measured since the first report', () => {
    let now = 1_000_000;
    const estimate = rebuildEstimator(10_000, () => now);
    expect(estimate(progress(100, 1_000))).toEqual({ share: 0.1, rate: 0 }); // no speed yet: no ETA
    now += 10_000;
    // 400 more in 10 s = 40/s; 25% scanned for 500 customers: 1,500 left, 38 s.
    const e = estimate(progress(500, 2_500));
    expect(e).toEqual({ share: 0.25, rate: 40, etaSeconds: 38 });
    expect(describeRebuild(progress(500, 2_500, true), e)).toBe(
      'resumed, 500 mirrored (25.0% of the table scanned), 40 customers/s, 50 upsert calls, ETA 38 s',
    );
  });

  it('gives no ETA when the table size is unknown', () => {
    let now = 0;
    const estimate = rebuildEstimator(0, () => now);
    estimate(progress(0, 500));
    now += 1_000;
    expect(estimate(progress(40, 1_000))).toEqual({ share: 0, rate: 40 });
  });
});
