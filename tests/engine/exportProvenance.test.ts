// Provenance in the JSON exports (issue 10, item 7): the scenario file, the evaluation and the comparison carry a
// `provenance` member from the bundle; importers accept and ignore it, and files without it still open.
import { beforeAll, describe, expect, it } from 'vitest';
import { withProvenance, exportProvenance } from '../../engine/io/provenance.ts';
import { evaluationJson } from '../../engine/io/evaluationOutput.ts';
import { exportGeoJson } from '../../engine/io/geojsonExport.ts';
import { importAny } from '../../engine/io/geojsonImport.ts';
import { parseScenarioJson } from '../../engine/io/validate.ts';
import { evaluateScenario } from '../../engine/evaluate.ts';
import { compareScenarios } from '../../engine/compare.ts';
import { scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import type { Bundle } from '../../engine/bundle.ts';
import type { Geography } from '../../engine/geography.ts';
import { realBundle, realGeography } from './helpers/real.ts';

let geo: Geography;
let bundle: Bundle;
let stp: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  bundle = realBundle();
  stp = scenarioFromBaseline(bundle, 'stp-2019');
});

describe('provenance member', () => {
  it('holds the bundle’s attribution lines, unit vintage, population source and sources with checksums', () => {
    const p = exportProvenance(bundle);
    expect(p.attribution).toEqual(bundle.provenance.attribution);
    expect(p.attribution.some((l) => l.includes('Open Government Licence'))).toBe(true);
    expect(p.unit_set).toBe(bundle.unitSet);
    expect(p.unit_vintage).toBe(bundle.unitVintage);
    expect(p.population_source).toBe(bundle.populationSource);
    expect(p.sources.map((s) => s.sha256)).toEqual(bundle.provenance.sources.map((s) => s.sha256));
    // From the bundle given, not from the code.
    const other = { ...bundle, provenance: { ...bundle.provenance, attribution: ['Only this line'] } };
    expect(exportProvenance(other).attribution).toEqual(['Only this line']);
  });

  it('is the same in the GeoJSON export’s footprints member', () => {
    const { scenario: _s, level: _l, ...rest } = exportGeoJson(geo, stp, 'systems').footprints;
    expect(rest).toEqual(exportProvenance(bundle));
  });
});

describe('scenario JSON export', () => {
  it('carries provenance, and opens again as the same scenario through both readers', () => {
    const text = JSON.stringify(withProvenance(stp, bundle), null, 2);
    const parsed = JSON.parse(text) as { provenance: unknown };
    expect(parsed.provenance).toEqual(exportProvenance(bundle));
    expect(parseScenarioJson(text, geo)).toEqual(stp);
    expect(importAny(text, 'plan.footprints.json', geo)).toEqual(stp);
  });

  it('files without provenance, or with a provenance member of any shape, still open', () => {
    expect(importAny(JSON.stringify(stp), 'old.json', geo)).toEqual(stp);
    expect(parseScenarioJson(JSON.stringify({ ...stp, provenance: 'hand-written' }), geo)).toEqual(stp);
  });
});

describe('evaluation and comparison JSON', () => {
  it('carry the provenance member', () => {
    expect(evaluationJson(evaluateScenario(geo, stp), bundle).provenance).toEqual(exportProvenance(bundle));
    const c = withProvenance(compareScenarios(geo, stp, scenarioFromBaseline(bundle, 'icb-2022')), bundle);
    expect(JSON.parse(JSON.stringify(c)).provenance.attribution).toEqual(bundle.provenance.attribution);
  });
});
