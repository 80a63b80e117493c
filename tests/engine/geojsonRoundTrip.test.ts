// Our own GeoJSON export (engine/io/geojsonExport.ts) opens again as the same scenario: with its `footprints`
// member, exactly; with the member dropped (as GIS tools do), the same systems from `ccg_codes` / unit properties.
import { beforeAll, describe, expect, it } from 'vitest';
import { exportGeoJson } from '../../engine/io/geojsonExport.ts';
import { importAny } from '../../engine/io/geojsonImport.ts';
import { addCollaboration, assignUnits, scenarioFromBaseline, setAtypical, type ScenarioV1 } from '../../engine/scenario.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { partitionById } from './scenarioInvariants.ts';

let geo: Geography;
let s: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  const stp = scenarioFromBaseline(realBundle(), 'stp-2019');
  s = assignUnits(stp, stp.systems[0].units.slice(0, 1), stp.systems[1].id);
  s = setAtypical(s, stp.systems[2].id, 'two cities');
  s = addCollaboration(s, { name: 'Stroke', kind: 'joint-committee', services: ['stroke'], status: 'planned', units: stp.systems[3].units });
});

describe('GeoJSON export → importAny', () => {
  it('restores the scenario exactly from the footprints member', () => {
    const text = JSON.stringify(exportGeoJson(geo, s, 'systems'));
    expect(importAny(text, 'plan.geojson', geo)).toEqual(s);
  });

  it('restores the systems from the features alone', () => {
    const { footprints: _member, ...plain } = exportGeoJson(geo, s, 'systems');
    const back = importAny(JSON.stringify(plain), 'plan.geojson', geo);
    const systems = (x: ScenarioV1) => partitionById(x.systems).map(([id, , units]) => [id, units]);
    expect(systems(back)).toEqual(systems(s));
  });

  it('restores systems and organisations, with their names, from a units-level export alone', () => {
    const { footprints: _member, ...plain } = exportGeoJson(geo, s, 'units');
    const back = importAny(JSON.stringify(plain), 'units.geojson', geo);
    expect(partitionById(back.systems)).toEqual(partitionById(s.systems));
    expect(partitionById(back.organisations)).toEqual(partitionById(s.organisations));
  });
});
