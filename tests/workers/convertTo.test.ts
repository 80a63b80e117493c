// The worker's convertTo on the real data: the finer unit set fetched once with its bytes reported, the open
// scenario converted exactly (every system keeps its people), a refusal that changes nothing, and saved scenarios
// on another unit set listed as openable (checked fully once that unit set is loaded).
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { realBundle } from '../engine/helpers/real.ts';
import { createEngineAdapter } from '../../workers/engineAdapter.ts';
import { loadUnitSet } from '../../geodata/load.ts';
import { DIST_DIR } from '../../geodata/paths.ts';
import { unitSetFile } from '../../engine/bundle.ts';
import type { State } from '../../workers/api.ts';
import { ok } from './ok.ts';

const PARTS = 'ccg-district-2019';
const bundle = realBundle();
const file = readFileSync(`${DIST_DIR}/${unitSetFile(PARTS)}`);
const parts = loadUnitSet(PARTS);

/** A fetch serving `bytes` in 64 KiB chunks with its Content-Length, as the dev server does. */
function serve(bytes: Uint8Array) {
  return vi.fn(async () => {
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        c.enqueue(bytes.subarray(at, (at += 65_536)));
      },
    });
    return new Response(body, { headers: { 'content-length': String(bytes.length) } });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('convertTo', () => {
  const engine = createEngineAdapter({ transfer: false });
  let start: State;
  beforeAll(async () => {
    await engine.init(bundle);
    start = ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
  });

  it('refuses a file that holds another unit set, and the open scenario stays as it was', async () => {
    vi.stubGlobal('fetch', serve(new TextEncoder().encode(JSON.stringify(bundle))));
    const r = await engine.convertTo(PARTS, 'unitset-ccg-district-2019.json');
    expect(r).toEqual({ ok: false, error: 'unitset-ccg-district-2019.json holds unit set "ccg-2019", not "ccg-district-2019"' });
    const now = await engine.current();
    expect(now.scenario).toBe(start.scenario);
    expect(now.history.depth).toBe(start.history.depth);
  });

  it('fetches the CCG parts once, reporting bytes, and converts exactly: every system keeps its people', async () => {
    const fetch = serve(file);
    vi.stubGlobal('fetch', fetch);
    const seen: [number, number][] = [];
    const steps: string[] = [];
    const r = await engine.convertTo(PARTS, 'parts.json', (loaded, total, step) => (step ? steps.push(step) : seen.push([loaded, total])));
    if (!r.ok) throw new Error(r.error);
    expect(steps.length).toBeGreaterThan(0); // the parse and build after the download are reported too
    expect(steps.every((x) => x === 'build')).toBe(true);
    expect(r.report).toEqual({ from: 'ccg-2019', to: PARTS, exact: true, splits: [] });
    expect(r.noun).toEqual(parts.noun);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every(([, t]) => t === file.length)).toBe(true);
    expect(seen.map(([l]) => l)).toEqual([...seen.map(([l]) => l)].sort((a, b) => a - b));
    expect(seen[seen.length - 1][0]).toBe(file.length);
    expect(r.scenario.unitSet).toBe(PARTS);
    const popOf = new Map(parts.units.code.map((c, i) => [c, parts.units.population[i]]));
    const converted = new Map(r.scenario.systems.map((s) => [s.id, s.units.reduce((t, c) => t + popOf.get(c)!, 0)]));
    for (const m of start.systems) expect(converted.get(m.id)).toBe(m.population);
    expect(r.scenario.systems.reduce((n, s) => n + s.units.length, 0)).toBe(parts.units.code.length);
    // The worker stays on CCGs; a second conversion reuses the loaded unit set.
    expect((await engine.current()).scenario).toBe(start.scenario);
    expect((await engine.convertTo(PARTS, 'parts.json')).ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('lists saved scenarios on another unit set as openable, and checks them once it is loaded', async () => {
    const r = await engine.convertTo(PARTS, 'parts.json');
    if (!r.ok) throw new Error(r.error);
    const broken = { ...r.scenario, systems: r.scenario.systems.slice(1) };
    const [good, bad] = await engine.checkScenarios([r.scenario, broken]);
    expect(good).toBeNull();
    expect(bad).toMatch(/./);
  });
});

describe('on the CCG parts', () => {
  const engine = createEngineAdapter({ transfer: false });
  beforeAll(async () => {
    await engine.init(parts);
    ok(await engine.load({ baseline: 'stp-2019' }, { reset: true }));
  });

  it('the council tool takes exactly the parts of a council: High Peak is its 2 CCG parts, Glossop among them', async () => {
    const highPeak = await engine.unitsInCouncil('lad', 'E07000037');
    const expected = parts.units.code.filter((c) => c.endsWith('_E07000037'));
    expect(highPeak.sort()).toEqual(expected.sort());
    expect(highPeak).toContain('E38000182_E07000037');
  });

  it('labels count the CCGs touched and those in part after Glossop moves', async () => {
    const s = (await engine.current()).scenario;
    const derby = s.systems.find((x) => /Derbyshire/.test(x.name))!;
    const st = ok(await engine.apply({ op: 'assignUnits', units: ['E38000182_E07000037'], system: derby.id }));
    const label = st.labels.features.find((f) => f.properties.id === derby.id)!.properties;
    const m = st.systems.find((x) => x.id === derby.id)!;
    expect(m.ccgParts).toBe(1);
    expect(label.counts).toBe(`${m.ccgCount} CCGs (1 in part) · ${m.organisationCount} orgs`);
  });

  it('converts back to CCGs, each CCG where most of its people are, the split one reported with its people', async () => {
    const s = (await engine.current()).scenario;
    const derby = s.systems.find((x) => /Derbyshire/.test(x.name))!;
    const gm = s.systems.find((x) => x.units.includes('E38000182_E08000008'))!;
    const pop = new Map(parts.units.code.map((c, i) => [c, parts.units.population[i]]));
    vi.stubGlobal('fetch', serve(new TextEncoder().encode(JSON.stringify(bundle))));
    const r = await engine.convertTo('ccg-2019', 'bundle.json');
    if (!r.ok) throw new Error(r.error);
    expect(r.report.exact).toBe(false);
    const split = r.report.splits.filter((x) => x.level === 'systems');
    expect(split.map((x) => x.unit)).toEqual(['E38000182']);
    expect(split[0].parts).toEqual([
      { group: gm.id, groupName: gm.name, population: pop.get('E38000182_E08000008') },
      { group: derby.id, groupName: derby.name, population: pop.get('E38000182_E07000037') },
    ]);
    expect(r.scenario.systems.find((x) => x.id === gm.id)!.units).toContain('E38000182');
    expect(r.noun).toEqual(bundle.noun);
    // The worker stays on the parts, with Glossop where it was.
    expect((await engine.current()).scenario).toBe(s);
  });
});
