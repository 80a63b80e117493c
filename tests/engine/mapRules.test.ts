// The engine's map rules on the real bundle: system colours keyed by the system, short label names, combined
// names for merged organisations, and callouts for footprints too small to hold their label.
import { describe, expect, it } from 'vitest';
import { realBundle } from './helpers/real.ts';
import { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline, mergeSystems, assignUnits } from '../../engine/scenario.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { colourSystems, preferredColour, systemAdjacency } from '../../engine/colour.ts';
import { combinedName, shortName } from '../../engine/shortName.ts';
import { callouts } from '../../engine/callouts.ts';
import { anchorOf, groupAnchor } from '../../engine/labelPoints.ts';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

const geo = Geography.fromBundle(realBundle());
const PALETTE = 8;

function colours(s: ReturnType<typeof scenarioFromBaseline>) {
  const ev = new Evaluator(geo).evaluate(s);
  const ids = ev.systemPartition.groupIds;
  const c = colourSystems(geo, ev.systemPartition.unitToGroup, ids, PALETTE);
  const adj = systemAdjacency(geo, ev.systemPartition.unitToGroup, ids.length);
  return { byId: new Map(ids.map((id, k) => [id, c[k]])), c, adj };
}

describe('system colours', () => {
  it.each(['stp-2019', 'ccg-2021', 'icb-2022', 'regions'])('%s: neighbours never share a colour', (baseline) => {
    const { c, adj } = colours(scenarioFromBaseline(geo.bundle, baseline));
    adj.forEach((ns, s) => ns.forEach((t) => expect(c[s]).not.toBe(c[t])));
    for (const x of c) expect(x).toBeGreaterThanOrEqual(0);
  });

  it('depend on the systems alone: the same for the same scenario, whatever came before', () => {
    const s = scenarioFromBaseline(geo.bundle, 'stp-2019');
    const a = colours(s).byId;
    colours(scenarioFromBaseline(geo.bundle, 'icb-2022'));
    expect(colours(s).byId).toEqual(a);
  });

  it('most systems keep their hashed colour; an edit recolours only systems whose neighbours clash', () => {
    const s = scenarioFromBaseline(geo.bundle, 'stp-2019');
    const before = colours(s);
    let kept = 0;
    before.byId.forEach((c, id) => (kept += c === preferredColour(id, PALETTE) ? 1 : 0));
    expect(kept).toBeGreaterThan(21);
    // Merge two London systems: every system that is not a neighbour of the merged one keeps its colour.
    const [a, b] = s.systems.filter((x) => /London/.test(x.name));
    const merged = mergeSystems(s, [a.id, b.id]);
    const after = colours(merged);
    const ev = new Evaluator(geo).evaluate(merged);
    const k = ev.systemPartition.groupIds.indexOf(a.id);
    const near = new Set([a.id, ...[...after.adj[k]].map((t) => ev.systemPartition.groupIds[t])]);
    let changed = 0;
    after.byId.forEach((c, id) => {
      if (!near.has(id) && before.byId.get(id) !== c) changed++;
    });
    expect(changed).toBeLessThanOrEqual(2);
    // Moving a unit and moving it back restores every colour (undo gives the same picture).
    const u = s.systems[0].units[0];
    const moved = assignUnits(s, [u], s.systems[1].id);
    expect(colours(assignUnits(moved, [u], s.systems[0].id)).byId).toEqual(before.byId);
  });
});

describe('short names', () => {
  it('drop the words every footprint repeats, keep the place', () => {
    expect(shortName('Greater Manchester Health and Social Care Partnership')).toBe('Greater Manchester');
    expect(shortName('West Yorkshire and Harrogate (Health and Care Partnership)')).toBe('West Yorkshire & Harrogate');
    expect(shortName('NHS Staffordshire and Stoke-on-Trent Integrated Care Board')).toBe('Staffordshire & Stoke-on-Trent');
    expect(shortName('North London Partners in Health and Care')).toBe('North London');
    expect(shortName('NHS Barnsley CCG')).toBe('Barnsley');
    expect(shortName('Devon')).toBe('Devon');
    expect(shortName('NHS')).toBe('NHS');
  });
  it('are shorter for every STP 2019 system that repeats such words, and never empty', () => {
    for (const s of scenarioFromBaseline(geo.bundle, 'stp-2019').systems) {
      const short = shortName(s.name);
      expect(short.length).toBeGreaterThan(0);
      expect(short.length).toBeLessThanOrEqual(s.name.length);
      expect(short).not.toMatch(/\b(STP|ICS|NHS|Partnership)\b/);
    }
  });
});

describe('combined names', () => {
  it('join the places of merged organisations inside the first name', () => {
    expect(combinedName(['NHS Barnsley CCG', 'NHS Doncaster CCG', 'NHS Rotherham CCG', 'NHS Sheffield CCG'])).toBe('NHS Barnsley, Doncaster, Rotherham and Sheffield CCG');
    expect(combinedName(['NHS Leeds CCG', 'NHS Leeds CCG'])).toBe('NHS Leeds CCG');
    expect(combinedName(['Kent', 'Medway'])).toBe('Kent and Medway');
  });
});

describe('callouts', () => {
  it("move London's five systems and the Birmingham pair out of their footprints, no other", () => {
    const ev = new Evaluator(geo).evaluate(scenarioFromBaseline(geo.bundle, 'stp-2019'));
    const t = geo.bundle.topology;
    const units = (feature(t, t.objects.units) as unknown as FeatureCollection<Polygon | MultiPolygon>).features.map((f) => anchorOf(f.geometry));
    const pts = ev.systems.map((m) => groupAnchor(m.members, units, geo.areaKm2));
    const out = callouts(pts, ev.systems.map((m) => m.areaKm2));
    const moved = ev.systems.filter((_, k) => out[k]).map((m) => m.name).sort();
    expect(moved.filter((n) => /London/.test(n))).toHaveLength(5);
    expect(moved).toEqual(expect.arrayContaining(['Birmingham and Solihull', 'The Black Country and West Birmingham']));
    expect(moved.length).toBeLessThanOrEqual(8);
    // Each callout lies beyond its footprint's anchor by at least the ring distance (55 km ~ 0.5 degree).
    out.forEach((p, k) => p && expect(Math.hypot(p[0] - pts[k][0], p[1] - pts[k][1])).toBeGreaterThan(0.5));
  });
});
