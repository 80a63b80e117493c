// The engine's map rules on the real bundle: system colours keyed by the system, short label names, combined
// names for merged organisations, abbreviations for a crowded small map, and label points inside each footprint.
import { describe, expect, it } from 'vitest';
import { realBundle } from './helpers/real.ts';
import { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline, mergeSystems, assignUnits } from '../../engine/scenario.ts';
import { Evaluator } from '../../engine/evaluate.ts';
import { colourSystems, preferredColour, systemAdjacency } from '../../engine/colour.ts';
import { abbreviatedName, combinedName, shortName } from '../../engine/shortName.ts';
import { anchorOf, groupAnchor, labelPoints } from '../../engine/labelPoints.ts';
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

describe('abbreviated names', () => {
  it('abbreviate county names and compass words before a place, and nothing else', () => {
    expect(abbreviatedName('Bedfordshire, Luton and Milton Keynes')).toBe('Beds, Luton & Milton Keynes');
    expect(abbreviatedName('Bath and North East Somerset, Swindon and Wiltshire')).toBe('Bath & NE Somerset, Swindon & Wilts');
    expect(abbreviatedName('Our Healthier South East London')).toBe('Our Healthier SE London');
    expect(abbreviatedName('Hertfordshire and West Essex')).toBe('Herts & W Essex');
    // A compass word that ends the name names a place itself.
    expect(abbreviatedName('Cumbria and North East')).toBe('Cumbria & North East');
    expect(abbreviatedName('Devon')).toBe('Devon');
  });
  it('are never longer than the short name, for every STP 2019 system', () => {
    for (const s of scenarioFromBaseline(geo.bundle, 'stp-2019').systems) expect(abbreviatedName(s.name).length).toBeLessThanOrEqual(shortName(s.name).length);
  });
});

describe('label points', () => {
  it('lie inside their own system, spread apart, the first the group anchor, for every STP 2019 system', () => {
    const ev = new Evaluator(geo).evaluate(scenarioFromBaseline(geo.bundle, 'stp-2019'));
    const t = geo.bundle.topology;
    const units = (feature(t, t.objects.units) as unknown as FeatureCollection<Polygon | MultiPolygon>).features.map((f) => anchorOf(f.geometry));
    const unitOf = new Map(units.map((a, i) => [a.join(','), i]));
    let several = 0;
    for (const m of ev.systems) {
      const pts = labelPoints(m.members, units, geo.areaKm2);
      expect(pts[0]).toEqual(groupAnchor(m.members, units, geo.areaKm2));
      const members = new Set(Array.from(m.members));
      // Each point is a member's own anchor (a point inside that unit), so inside the system.
      for (const p of pts) expect(members.has(unitOf.get(p.join(','))!)).toBe(true);
      expect(new Set(pts.map((p) => p.join(','))).size).toBe(pts.length);
      if (pts.length > 1) several++;
    }
    expect(several).toBeGreaterThan(30);
  });
});
