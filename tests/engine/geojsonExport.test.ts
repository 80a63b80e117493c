import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { exportGeoJson, type ExportLevel } from '../../engine/io/geojsonExport.ts';
import { exportMetricsCsv } from '../../engine/io/metricsCsv.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { rawCcgPopulation, realBundle, realGeography } from './helpers/real.ts';

const bundle = realBundle();
const geo = realGeography();
const s = scenarioFromBaseline(bundle, 'stp-2019');
const ev = evaluateScenario(geo, s);

function signedArea(ring: Position[]): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++) a += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return a / 2;
}

const decimals = (v: number) => {
  const t = String(v);
  return t.includes('e') ? 99 : t.includes('.') ? t.split('.')[1].length : 0;
};

/** RFC 7946 checks: no crs, lon/lat ranges, ≤ 6 decimals, closed rings of ≥ 4 positions, right-hand rule. */
function expectRfc7946(fc: ReturnType<typeof exportGeoJson>): void {
  const text = JSON.stringify(fc);
  const parsed = JSON.parse(text);
  expect(parsed.type).toBe('FeatureCollection');
  expect('crs' in parsed).toBe(false);
  for (const f of parsed.features) {
    expect(f.type).toBe('Feature');
    expect('crs' in f).toBe(false);
    expect(f.geometry.type).toBe('MultiPolygon');
    for (const [k, v] of Object.entries(f.properties)) {
      expect(v === null || ['string', 'number', 'boolean'].includes(typeof v), k).toBe(true);
    }
    for (const poly of f.geometry.coordinates as Position[][][]) {
      poly.forEach((ring, k) => {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [lon, lat] of ring) {
          expect(lon).toBeGreaterThanOrEqual(-180);
          expect(lon).toBeLessThanOrEqual(180);
          expect(lat).toBeGreaterThanOrEqual(-90);
          expect(lat).toBeLessThanOrEqual(90);
          expect(decimals(lon)).toBeLessThanOrEqual(6);
          expect(decimals(lat)).toBeLessThanOrEqual(6);
        }
        if (k === 0) expect(signedArea(ring)).toBeGreaterThan(0);
        else expect(signedArea(ring)).toBeLessThan(0);
      });
    }
  }
  if (parsed.bbox) {
    const [w, so, e, n] = parsed.bbox;
    expect(w).toBeLessThanOrEqual(e);
    expect(so).toBeLessThanOrEqual(n);
  }
}

describe('GeoJSON export', () => {
  for (const level of ['systems', 'organisations', 'collaborations', 'units'] as ExportLevel[]) {
    it(`${level}: RFC 7946, attribution and provenance`, () => {
      const withCollab = {
        ...s,
        collaborations: [{ id: 'c1', name: 'Ambulance', kind: 'collaborative-commissioning' as const, status: 'in-place' as const, services: ['ambulance', '111'], units: s.systems[0].units }],
      };
      const fc = exportGeoJson(geo, withCollab, level);
      expectRfc7946(fc);
      expect(fc.attribution).toContain('Open Government Licence');
      expect(fc.footprints.attribution).toEqual(bundle.provenance.attribution);
      expect(fc.footprints.scenario).toBe(withCollab);
      expect(fc.footprints.level).toBe(level);
      expect(fc.footprints.unit_vintage).toBe(bundle.unitVintage);
      expect(fc.footprints.unit_set).toBe('ccg-2019');
      expect(fc.footprints.population_source).toBe(bundle.populationSource);
      expect(fc.footprints.sources.length).toBe(bundle.provenance.sources.length);
      expect(fc.footprints.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      const n = { systems: 42, organisations: 191, collaborations: 1, units: 191 }[level];
      expect(fc.features).toHaveLength(n);
      if (level === 'collaborations') {
        expect(fc.features[0].properties).toMatchObject({ kind: 'collaborative-commissioning', status: 'in-place', services: 'ambulance;111' });
      }
    });
  }

  it('systems carry flat metrics; populations and areas match the evaluation and the raw file', () => {
    const fc = exportGeoJson(geo, s, 'systems', ev);
    const raw = rawCcgPopulation();
    for (const f of fc.features) {
      const p = f.properties;
      const codes = String(p.ccg_codes).split(';');
      expect(p.population).toBe(codes.reduce((t, c) => t + raw.get(c)!, 0));
      expect(p.ccg_count).toBe(codes.length);
      expect(p.organisation_count).toBe(codes.length);
      expect(p.components).toBe(1);
      expect(typeof p.polsby_popper).toBe('number');
      expect(typeof p.coterminosity_utla).toBe('number');
      expect(p.regions).toMatch(/^E40/);
      expect(p.locked).toBe(false);
      // The geometry's geodesic area agrees with the sum of unit areas within 1% (same generalised boundaries).
      expect(Math.abs(turf.area(f.geometry) / 1e6 - Number(p.area_km2)) / Number(p.area_km2)).toBeLessThan(0.01);
    }
    expect(fc.features.reduce((t, f) => t + Number(f.properties.population), 0)).toBe(55_977_178);
  });

  it('units level names each CCG with its system and organisation', () => {
    const fc = exportGeoJson(geo, s, 'units', ev);
    const f = fc.features[0];
    expect(f.properties.ccg_code).toBe(geo.codes[0]);
    expect(f.properties.ccg_nhs_code).toBe(geo.nhsCodes[0]);
    expect(f.properties.ccg_name).toBe(geo.names[0]);
    const sys = s.systems.find((g) => g.units.includes(geo.codes[0]))!;
    expect(f.properties.system_id).toBe(sys.id);
    expect(f.properties.system_name).toBe(sys.name);
    expect(f.properties.organisation_id).toBe(s.organisations.find((o) => o.units.includes(geo.codes[0]))!.id);
  });
});

describe('metrics CSV', () => {
  it('one row per group with the same columns as the GeoJSON properties', () => {
    const csv = exportMetricsCsv(ev, 'systems', geo.bundle);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(43);
    const header = lines[0].split(',');
    const props = exportGeoJson(geo, s, 'systems', ev).features[0].properties;
    expect(header).toEqual([...Object.keys(props), 'source', 'attribution']);
    expect(lines[1].startsWith(`${ev.systems[0].id},`)).toBe(true);
  });

  it('quotes commas and quotes and defuses formulas', () => {
    const named = { ...s, systems: s.systems.map((g, k) => (k === 0 ? { ...g, name: 'North, "East"' } : k === 1 ? { ...g, name: '=HYPERLINK("x")' } : g)) };
    const csv = exportMetricsCsv(evaluateScenario(geo, named), 'systems', geo.bundle);
    const lines = csv.split('\r\n');
    expect(lines[1]).toContain('"North, ""East"""');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
