// The window phase every function of a store keeps to (layers/shared/src/quota/window-phase.ts),
// agreed through PointsTable by separate handles, as separate Lambda environments hold them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { windowPhase } from '../layers/shared/src/quota/window-phase';
import { testTable, useTestTable } from './support/environment';

const WINDOW = 2_000;
/** An answer that tells the window ends at `end`, to the ms. */
const at = (end: number) => ({ earliest: end, latest: end });
let table: PointsTable;
beforeAll(async () => {
  table = testTable(await useTestTable());
});

describe("the window phase a store's functions agree on", () => {
  it('knows none until an answer told one, and none for windows of another size', async () => {
    const handle = windowPhase(table, 'phase0');
    await handle.refresh(Date.now(), WINDOW);
    expect(handle.phaseFor(WINDOW)).toBeUndefined();
    await handle.observe(at(1_000_000 + 700), WINDOW);
    expect(handle.phaseFor(WINDOW)).toBe(700);
    expect(handle.phaseFor(30_000)).toBeUndefined();
  });

  it('gives handles that answer at once with slightly different ends exactly one phase', async () => {
    const handles = Array.from({ length: 4 }, () => windowPhase(table, 'phase1'));
    // answers late by 0–60 ms, as latency makes them
    await Promise.all(handles.map((h, i) => h.observe(at(1_000_000 + 500 + i * 20), WINDOW)));
    const phases = new Set(handles.map((h) => h.phaseFor(WINDOW)));
    expect(phases.size).toBe(1);
    expect([...phases][0]).toBeGreaterThanOrEqual(500);
    // later answers within 5% of the window (100 ms) change nothing
    await handles[0]!.observe(at(1_002_000 + 590), WINDOW);
    expect(handles[0]!.phaseFor(WINDOW)).toBe([...phases][0]);
    // nor does a slow answer whose span holds the phase
    await handles[1]!.observe({ earliest: 1_004_000 + 300, latest: 1_004_000 + 900 }, WINDOW);
    expect(handles[1]!.phaseFor(WINDOW)).toBe([...phases][0]);
  });

  it('replaces the phase when an answer strays further, and every handle follows within a window', async () => {
    const [a, b] = [windowPhase(table, 'phase2'), windowPhase(table, 'phase2')];
    await a.observe(at(1_000_000 + 100), WINDOW);
    await b.refresh(Date.now(), WINDOW);
    expect(b.phaseFor(WINDOW)).toBe(100);
    await a.observe(at(1_000_000 + 1_100), WINDOW); // BigCommerce's windows moved half a window
    expect(a.phaseFor(WINDOW)).toBe(1_100);
    await b.refresh(Date.now() + WINDOW, WINDOW); // b's next window
    expect(b.phaseFor(WINDOW)).toBe(1_100);
    // around the window: 1_990 and 10 are 20 ms apart, within the tolerance
    await a.observe(at(1_000_000 + 1_990), WINDOW);
    await b.observe(at(1_000_000 + 10 + WINDOW), WINDOW);
    await b.refresh(Date.now() + 2 * WINDOW, WINDOW);
    expect(a.phaseFor(WINDOW)).toBe(1_990);
    expect(b.phaseFor(WINDOW)).toBe(1_990);
  });
});
