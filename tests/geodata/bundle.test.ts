import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as turf from '@turf/turf';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Bundle, Overlays } from '../../engine/bundle.ts';
import { DEFAULT_SETTINGS, SCENARIO_SCHEMA } from '../../engine/scenario.ts';
import { rawDir } from '../../geodata/load.ts';
import { distBundle } from './dist.ts';

let b: Bundle;
let o: Overlays;
beforeAll(async () => {
  ({ bundle: b, overlays: o } = await distBundle());
});

const sumByUnit = (triples: number[], n: number) => {
  const s = new Array<number>(n).fill(0);
  for (let k = 0; k < triples.length; k += 3) s[triples[k]] += triples[k + 2];
  return s;
};
const unit = (code: string) => {
  const u = b.units.code.indexOf(code);
  expect(u, code).toBeGreaterThanOrEqual(0);
  return u;
};

describe('tables', () => {
  it('has the expected counts', () => {
    expect(b.units.code).toHaveLength(191);
    for (const col of Object.values(b.units)) expect(col).toHaveLength(191);
    expect(new Set(b.units.code).size).toBe(191);
    expect([...b.units.code].sort()).toEqual(b.units.code);
    expect(b.stp2019.code).toHaveLength(42);
    expect(b.regions.code).toHaveLength(7);
    expect(b.ccg2020.code).toHaveLength(135);
    expect(b.ccg2021.code).toHaveLength(106);
    expect(b.icb2022.code).toHaveLength(42);
    expect(b.stp2020.code).toHaveLength(42);
    expect(b.stp2021.code).toHaveLength(42);
    expect(b.councils.lad.code).toHaveLength(317);
    expect(b.councils.utla.code).toHaveLength(151);
    expect(b.unitSet).toBe('ccg-2019');
    expect(b.version).toBe(1);
    expect(b.inputsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sums to the ONS England mid-2018 total', () => {
    expect(b.englandPopulation).toBe(55_977_178);
    expect(b.units.population.reduce((a, x) => a + x, 0)).toBe(55_977_178);
    expect(b.councils.lad.population.reduce((a, x) => a + x, 0)).toBe(55_977_178);
    expect(b.councils.utla.population.reduce((a, x) => a + x, 0)).toBe(55_977_178);
  });

  it('gives every unit its LAD and UTLA triples summing to its population', () => {
    expect(sumByUnit(b.councils.unitLad, 191)).toEqual(b.units.population);
    expect(sumByUnit(b.councils.unitUtla, 191)).toEqual(b.units.population);
    // LAD totals from the triples equal the LAD table, and each LAD's UTLA is consistent with the UTLA triples.
    const lad = new Array<number>(317).fill(0);
    for (let k = 0; k < b.councils.unitLad.length; k += 3) lad[b.councils.unitLad[k + 1]] += b.councils.unitLad[k + 2];
    expect(lad).toEqual(b.councils.lad.population);
    const utla = new Array<number>(151).fill(0);
    b.councils.lad.utla.forEach((u, l) => (utla[u] += b.councils.lad.population[l]));
    expect(utla).toEqual(b.councils.utla.population);
  });

  it('has membership parts summing to each unit population, sorted, with primaries', () => {
    for (const [name, m] of Object.entries(b.membership)) {
      expect(sumByUnit(m.parts, 191), name).toEqual(b.units.population);
      expect(m.primary).toHaveLength(191);
      for (let k = 3; k < m.parts.length; k += 3) {
        const prev = [m.parts[k - 3], m.parts[k - 2]];
        expect(prev[0] < m.parts[k] || (prev[0] === m.parts[k] && prev[1] < m.parts[k + 1]), `${name} sorted at ${k}`).toBe(true);
      }
      // The primary is the part with most people.
      for (let k = 0; k < m.parts.length; k += 3) {
        const u = m.parts[k];
        const primaryPop = m.parts.filter((_, j) => j % 3 === 2 && m.parts[j - 2] === u && m.parts[j - 1] === m.primary[u])[0];
        expect(primaryPop).toBeGreaterThanOrEqual(m.parts[k + 2]);
      }
    }
  });

  it('puts Bassetlaw in South Yorkshire and Bassetlaw (2019) and Nottingham and Nottinghamshire ICB (2022)', () => {
    const u = b.units.nhsCode.indexOf('02Q');
    expect(b.units.name[u]).toBe('NHS Bassetlaw CCG');
    expect(b.stp2019.name[b.units.stp[u]]).toBe('South Yorkshire and Bassetlaw');
    expect(b.icb2022.name[b.membership.icb2022.primary[u]]).toBe('NHS Nottingham and Nottinghamshire Integrated Care Board');
    expect(b.membership.icb2022.parts.filter((_, k) => k % 3 === 0 && b.membership.icb2022.parts[k] === u)).toHaveLength(1);
  });

  it('splits Tameside and Glossop and Sandwell and West Birmingham in ICB 2022 only', () => {
    const parts = (code: string) => {
      const u = unit(code);
      const p = b.membership.icb2022.parts;
      const out: Record<string, number> = {};
      for (let k = 0; k < p.length; k += 3) if (p[k] === u) out[b.icb2022.name[p[k + 1]]] = p[k + 2];
      return out;
    };
    const tg = parts('E38000182');
    expect(Object.keys(tg).sort()).toEqual(['NHS Derby and Derbyshire Integrated Care Board', 'NHS Greater Manchester Integrated Care Board']);
    const swb = parts('E38000144');
    expect(Object.keys(swb).sort()).toEqual(['NHS Birmingham and Solihull Integrated Care Board', 'NHS Black Country Integrated Care Board']);
    expect(b.baselines['icb-2022'].description).toContain('NHS Tameside and Glossop CCG (E38000182)');
  });

  it('has GP practices and registered patients for every unit', () => {
    expect(b.units.gpPractices!.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(b.units.gpPractices!.reduce((a, x) => a + x, 0)).toBe(6830);
    expect(b.units.registeredPatients!.reduce((a, x) => a + x, 0)).toBe(59_824_330);
    const ratio = b.units.registeredPatients!.map((r, u) => r / b.units.population[u]);
    expect(Math.min(...ratio)).toBeGreaterThan(0.85);
    // Highest: NHS Bradford City (02W), whose practices register many Bradford Districts residents; epraccur puts
    // the Woodroyd practice (8,712 patients) there too, hence above the 1.64 that the payments file's CCG gives.
    expect(Math.max(...ratio)).toBeLessThan(1.85);
    expect(b.units.nhsCode[ratio.indexOf(Math.max(...ratio))]).toBe('02W');
  });

  it('derives one NHS region per unit, with London at its ONS total', () => {
    const london = b.regions.code.indexOf('E40000003');
    const pop = b.units.population.filter((_, u) => b.units.region[u] === london).reduce((a, x) => a + x, 0);
    expect(pop).toBe(8_908_081);
    // Every STP lies in one region.
    const regionsOfStp = new Map<number, Set<number>>();
    b.units.stp.forEach((s, u) => regionsOfStp.set(s, (regionsOfStp.get(s) ?? new Set()).add(b.units.region[u])));
    expect([...regionsOfStp.values()].every((s) => s.size === 1)).toBe(true);
  });
});

describe('adjacency', () => {
  it('is sorted, a < b, without duplicates or self-links, and symmetric as neighbour lists', () => {
    for (const pairs of [b.adjacency.land, b.adjacency.water]) {
      expect(pairs.length % 2).toBe(0);
      const keys = new Set<string>();
      for (let k = 0; k < pairs.length; k += 2) {
        expect(pairs[k]).toBeLessThan(pairs[k + 1]);
        expect(pairs[k + 1]).toBeLessThan(191);
        if (k > 0) expect(pairs[k - 2] < pairs[k] || (pairs[k - 2] === pairs[k] && pairs[k - 1] < pairs[k + 1])).toBe(true);
        keys.add(`${pairs[k]},${pairs[k + 1]}`);
      }
      expect(keys.size).toBe(pairs.length / 2);
    }
    const nb = b.units.code.map(() => new Set<number>());
    for (let k = 0; k < b.adjacency.land.length; k += 2) {
      nb[b.adjacency.land[k]].add(b.adjacency.land[k + 1]);
      nb[b.adjacency.land[k + 1]].add(b.adjacency.land[k]);
    }
    nb.forEach((s, a) => s.forEach((c) => expect(nb[c].has(a)).toBe(true)));
  });

  it('gives every unit a land neighbour or a water link, and the Isle of Wight a water link only', () => {
    const linked = new Set([...b.adjacency.land, ...b.adjacency.water]);
    expect(b.units.code.filter((_, u) => !linked.has(u))).toEqual([]);
    const iow = b.units.name.indexOf('NHS Isle of Wight CCG');
    expect(iow).toBeGreaterThanOrEqual(0);
    expect(b.adjacency.land.includes(iow)).toBe(false);
    const water: string[] = [];
    for (let k = 0; k < b.adjacency.water.length; k += 2) {
      if (b.adjacency.water[k] === iow) water.push(b.units.name[b.adjacency.water[k + 1]]);
      if (b.adjacency.water[k + 1] === iow) water.push(b.units.name[b.adjacency.water[k]]);
    }
    expect(water).toContain('NHS Portsmouth CCG');
    expect(b.adjacency.waterRule).toMatch(/10 km/);
  });

  it('links well-known neighbours by land', () => {
    const has = (a: string, c: string) => {
      const [x, y] = [unit(a), unit(c)].sort((p, q) => p - q);
      for (let k = 0; k < b.adjacency.land.length; k += 2) if (b.adjacency.land[k] === x && b.adjacency.land[k + 1] === y) return true;
      return false;
    };
    expect(has('E38000018', 'E38000019')).toBe(true); // Bradford City inside Bradford Districts
    expect(has('E38000008', 'E38000044')).toBe(true); // Bassetlaw – Doncaster
    expect(has('E38000008', 'E38000146')).toBe(false); // Bassetlaw – Sheffield: Rotherham lies between
  });
});

describe('topology', () => {
  const features = () => b.topology.objects.units.geometries.map((g) => feature(b.topology, g) as Feature<Polygon | MultiPolygon>);

  it('has 191 unit geometries in unit order with WGS84 coordinates in England', () => {
    const geoms = b.topology.objects.units.geometries;
    expect(geoms.map((g) => g.id)).toEqual(b.units.code);
    expect(b.topology.transform).toBeDefined();
    for (const f of features()) {
      const [x0, y0, x1, y1] = turf.bbox(f);
      expect(x0).toBeGreaterThan(-6.5);
      expect(x1).toBeLessThan(2);
      expect(y0).toBeGreaterThan(49.8);
      expect(y1).toBeLessThan(55.9);
    }
  });

  it('has valid geometries: E38000019 (Bradford Districts) and every other unit without self-intersections', () => {
    const fs = features();
    expect(turf.kinks(fs[unit('E38000019')]).features).toHaveLength(0);
    expect(fs.map((f, u) => (turf.kinks(f).features.length ? b.units.code[u] : '')).filter(Boolean)).toEqual([]);
  });

  it('has areas that add up to England', () => {
    const total = b.units.areaKm2.reduce((a, x) => a + x, 0);
    expect(total).toBeGreaterThan(128_000);
    expect(total).toBeLessThan(132_000);
    expect(b.units.areaKm2.every((a) => a > 0)).toBe(true);
  });

  it('has the 7 regions merged on the same arcs', () => {
    const r = b.topology.objects.regions.geometries;
    expect(r.map((g) => g.id)).toEqual(b.regions.code);
    const area = r.map((g) => turf.area(feature(b.topology, g) as Feature<MultiPolygon>) / 1e6);
    const fromUnits = b.regions.code.map((_, k) => b.units.areaKm2.filter((_, u) => b.units.region[u] === k).reduce((a, x) => a + x, 0));
    area.forEach((a, k) => expect(a).toBeCloseTo(fromUnits[k], -1));
  });
});

describe('baselines', () => {
  const expected: Record<string, [number, number]> = {
    'stp-2019': [42, 191],
    'ccg-2020': [42, 135],
    'ccg-2021': [42, 106],
    'one-ccg-per-ics': [42, 42],
    'icb-2022': [42, 42],
    regions: [7, 191],
    'regions-2022': [7, 42],
  };

  it('are partitions with the right counts', () => {
    expect(Object.keys(b.baselines).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, [systems, orgs]] of Object.entries(expected)) {
      const s = b.baselines[id];
      expect(s.schema).toBe(SCENARIO_SCHEMA);
      expect(s.unitSet).toBe('ccg-2019');
      expect(s.settings).toEqual(DEFAULT_SETTINGS);
      expect(s.collaborations).toEqual([]);
      expect(s.systems, id).toHaveLength(systems);
      expect(s.organisations, id).toHaveLength(orgs);
      for (const groups of [s.systems, s.organisations]) {
        const all = groups.flatMap((g) => g.units);
        expect(all.length, id).toBe(191);
        expect(new Set(all), id).toEqual(new Set(b.units.code));
        expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
      }
    }
  });

  it('use official codes and names', () => {
    const stp = b.baselines['stp-2019'];
    expect(stp.systems.map((s) => s.id).sort()).toEqual(b.stp2019.code);
    expect(stp.organisations.map((o) => o.id)).toEqual(b.units.code);
    expect(stp.organisations.map((o) => o.name)).toEqual(b.units.name);
    expect(b.baselines['ccg-2021'].organisations.map((o) => o.id).sort()).toEqual(b.ccg2021.code);
    expect(b.baselines['ccg-2020'].organisations.map((o) => o.id).sort()).toEqual(b.ccg2020.code);
    expect(b.baselines['icb-2022'].systems.map((s) => s.id)).toEqual(b.icb2022.code);
    expect(b.baselines['one-ccg-per-ics'].organisations.map((o) => o.id)).toEqual(stp.systems.map((s) => s.id));
    expect(b.baselines.regions.systems.map((s) => s.name)).toEqual(b.regions.name);
    const bassetlaw = b.units.code[b.units.nhsCode.indexOf('02Q')];
    expect(stp.systems.find((s) => s.units.includes(bassetlaw))!.name).toBe('South Yorkshire and Bassetlaw');
    expect(b.baselines['icb-2022'].systems.find((s) => s.units.includes(bassetlaw))!.name).toBe('NHS Nottingham and Nottinghamshire Integrated Care Board');
  });
});

describe('provenance and overlays', () => {
  it('records every source with the sha256 of the raw file', () => {
    expect(b.provenance.sources.length).toBeGreaterThanOrEqual(20);
    for (const s of b.provenance.sources) {
      const sha = createHash('sha256').update(readFileSync(join(rawDir(), s.file))).digest('hex');
      expect(s.sha256, s.file).toBe(sha);
      expect(s.licence).toMatch(/Open Government Licence v3\.0/);
    }
    expect(b.provenance.attribution).toContain('Source: Office for National Statistics licensed under the Open Government Licence v.3.0');
    expect(b.provenance.attribution.some((l) => l.includes('Martin Chorley'))).toBe(true);
    expect(b.provenance.notes.some((n) => n.includes('E38000019'))).toBe(true);
  });

  it('has England LAD and UTLA overlays with names', () => {
    expect(o.inputsHash).toBe(b.inputsHash);
    expect(o.topology.objects.lad.geometries.map((g) => g.id)).toEqual(b.councils.lad.code);
    expect(o.topology.objects.utla.geometries.map((g) => g.id)).toEqual(b.councils.utla.code);
    for (const g of [...o.topology.objects.lad.geometries, ...o.topology.objects.utla.geometries]) {
      expect(String(g.id)).toMatch(/^E0|^E1/);
      expect((g.properties as { name: string }).name.length).toBeGreaterThan(0);
    }
  });

  it('fits the size budget (gzipped bundle ≤ 150 KB, overlays ≤ 150 KB)', () => {
    expect(gzipSync(JSON.stringify(b)).length).toBeLessThan(150 * 1024);
    expect(gzipSync(JSON.stringify(o)).length).toBeLessThan(150 * 1024);
  });
});
