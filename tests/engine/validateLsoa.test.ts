// Validation and import at 32,844 LSOAs: their messages name the unit set's units (not "CCG"), and validation says
// where a unit met twice was first met, though no path is made for an entry until a message needs it.
import { describe, expect, it } from 'vitest';
import { loadUnitSet } from '../../geodata/load.ts';
import { Geography } from '../../engine/geography.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { importAssignmentsCsv } from '../../engine/io/csv.ts';
import { importAny } from '../../engine/io/geojsonImport.ts';

const geo = Geography.fromBundle(loadUnitSet('lsoa-2011'));
const stp = scenarioFromBaseline(geo.bundle, 'stp-2019');
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('validating an LSOA scenario', () => {
  it('names LSOAs in its messages', () => {
    const [first, ...rest] = stp.systems;
    const unknown = { ...stp, systems: [{ ...first, units: [...first.units.slice(0, 2), 'E01999999', ...first.units.slice(2)] }, ...rest] };
    expect(message(() => validateScenario(unknown, geo))).toMatch(/^systems\[0\]\.units\[2\]: unknown LSOA code "E01999999"$/);
    const gone = { ...stp, systems: [{ ...first, units: first.units.slice(1) }, ...rest] };
    expect(message(() => validateScenario(gone, geo))).toBe(`systems: 1 LSOA is in no system: ${first.units[0]}`);
    const twice = { ...stp, systems: [first, { ...rest[0], units: [...rest[0].units, first.units[5]] }, ...rest.slice(1)] };
    expect(message(() => validateScenario(twice, geo))).toBe(`systems[1].units[${rest[0].units.length}]: ${first.units[5]} is also in systems[0].units[5]`);
  });

  it('and so do the importers', () => {
    expect(message(() => importAssignmentsCsv('code,system\nE01999999,x\n', geo))).toBe('line 2: no LSOA matches "E01999999"');
    expect(message(() => importAssignmentsCsv('foo,bar\n1,2\n', geo))).toMatch(/expected an LSOA column/);
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { code: 'E01999999', system_id: 'a' } }] };
    expect(message(() => importAny(JSON.stringify(fc), 'x.geojson', geo))).toMatch(/no LSOA matches "E01999999"/);
  });

});
