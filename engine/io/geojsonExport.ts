/**
 * A scenario as an RFC 7946 FeatureCollection: WGS84 lon/lat, exterior rings counterclockwise and holes
 * clockwise, ≤ 6 decimals, no `crs` member. Properties are flat (see flatRecord.ts) so any GIS reads them.
 * The scenario itself, the unit vintage, the population source, the sources and the OGL attribution travel as
 * the foreign member `footprints`, plus a top-level `attribution` string.
 */
import type { BBox, Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { Geography } from '../geography.ts';
import type { ScenarioV1 } from '../scenario.ts';
import type { GroupLevel } from '../metrics.ts';
import { UNASSIGNED } from '../partition.ts';
import { Dissolver } from '../dissolve.ts';
import { topologyIndex } from '../topologyIndex.ts';
import { evaluateScenario, type Evaluation } from '../evaluate.ts';
import { flatRecord, type FlatRecord } from './flatRecord.ts';
import { exportProvenance, type ExportProvenance } from './provenance.ts';

export type ExportLevel = GroupLevel | 'units';

/** The scenario and the level, then the provenance every export carries (provenance.ts). */
export interface FootprintsMember extends ExportProvenance {
  scenario: ScenarioV1;
  level: ExportLevel;
}

export type ExportCollection = FeatureCollection<MultiPolygon, FlatRecord> & { footprints: FootprintsMember; attribution: string };

const dissolvers = new WeakMap<Geography, Dissolver>();

/** The caller's dissolver when it is over this geography's topology (e.g. an `Evaluator`'s), else one cached per geography. */
function dissolverOf(geo: Geography, own?: Dissolver): Dissolver {
  if (own && own.index === topologyIndex(geo)) return own;
  let d = dissolvers.get(geo);
  if (!d) dissolvers.set(geo, (d = new Dissolver(geo)));
  return d;
}

function bboxOf(features: readonly Feature<MultiPolygon>[]): BBox | undefined {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of features) {
    for (const poly of f.geometry.coordinates) {
      for (const [x, y] of poly[0]) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    }
  }
  return w <= e ? [w, s, e, n] : undefined;
}

function unitRecord(geo: Geography, ev: Evaluation, i: number): FlatRecord {
  const sg = ev.systemPartition.unitToGroup[i];
  const og = ev.organisationPartition.unitToGroup[i];
  const sys = sg === UNASSIGNED ? undefined : ev.systems[sg];
  const org = og === UNASSIGNED ? undefined : ev.organisations[og];
  const b = geo.bundle;
  return {
    id: geo.codes[i],
    name: geo.names[i],
    ccg_code: geo.codes[i],
    ccg_nhs_code: geo.nhsCodes[i],
    ccg_name: geo.names[i],
    population: geo.population[i],
    area_km2: Math.round(geo.areaKm2[i] * 10) / 10,
    gp_practices: geo.gpPractices[i],
    registered_patients: Math.round(geo.registeredPatients[i]),
    stp2019_code: b.stp2019.code[geo.stpOf[i]] ?? null,
    region: b.regions.code[geo.regionOf[i]] ?? null,
    system_id: sys?.id ?? null,
    system_name: sys?.name ?? null,
    organisation_id: org?.id ?? null,
    organisation_name: org?.name ?? null,
  };
}

export function exportGeoJson(
  geo: Geography,
  scenario: ScenarioV1,
  level: ExportLevel,
  evaluation?: Evaluation,
  opts: { bbox?: boolean; dissolver?: Dissolver } = {},
): ExportCollection {
  const ev = evaluation && evaluation.scenario === scenario ? evaluation : evaluateScenario(geo, scenario);
  const d = dissolverOf(geo, opts.dissolver);
  const features: Feature<MultiPolygon, FlatRecord>[] =
    level === 'units'
      ? geo.codes.map((code, i) => ({
          type: 'Feature',
          id: code,
          properties: unitRecord(geo, ev, i),
          geometry: d.geometry(d.dissolve([i])),
        }))
      : ev[level].map((m) => ({
          type: 'Feature',
          id: m.id,
          properties: flatRecord(m),
          geometry: d.geometry(d.dissolve(m.members, m.signature)),
        }));
  const b = geo.bundle;
  const out: ExportCollection = {
    type: 'FeatureCollection',
    footprints: { scenario, level, ...exportProvenance(b) },
    attribution: b.provenance.attribution.join(' | '),
    features,
  };
  if (opts.bbox !== false) {
    const bbox = bboxOf(features);
    if (bbox) out.bbox = bbox;
  }
  return out;
}
