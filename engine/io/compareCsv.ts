/**
 * A comparison as one CSV table, the side-by-side table of the compare view:
 * - `row=scenario`: the two options' summaries (England population, systems, organisations, "typically one CCG
 *   per ICS", …) and the similarity scores;
 * - `row=system`: each matched pair of systems, every metric as `<metric>_a`, `<metric>_b`, `<metric>_delta`
 *   (b − a), with the CCGs that left A's system and joined B's;
 * - `row=ccg-system` and `row=ccg-organisation`: each CCG that changed system or organisation, from (a_…) → to
 *   (b_…), with its population.
 * Every row ends with `source` and `attribution` (provenance.ts).
 */
import { COMPARED_METRICS, COMPARED_SUMMARY, type Comparison, type Delta } from '../compare.ts';
import type { CsvValue } from './csvRows.ts';
import { csvTable, type ProvenanceSource } from './provenance.ts';

const SUMMARY_ONLY = COMPARED_SUMMARY.map(([k]) => k).filter((k) => !COMPARED_METRICS.some(([m]) => m === k));
const METRICS = COMPARED_METRICS.map(([k]) => k);
const SIMILARITY = ['systems_adjusted_rand', 'systems_nvi', 'organisations_adjusted_rand', 'organisations_nvi'];

const triple = (k: string) => [`${k}_a`, `${k}_b`, `${k}_delta`];
const roundTo = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const precision = (k: string) => (k.startsWith('coterminosity') || k === 'polsby_popper' ? 4 : k === 'area_km2' ? 1 : 0);

function put(r: Record<string, CsvValue>, k: string, d: Delta): void {
  const p = precision(k);
  r[`${k}_a`] = roundTo(d.a, p);
  r[`${k}_b`] = roundTo(d.b, p);
  r[`${k}_delta`] = roundTo(d.delta, p);
}

export function comparisonCsv(c: Comparison, source: ProvenanceSource): string {
  const columns = [
    'row', 'a_id', 'a_name', 'b_id', 'b_name', 'ccg_code', 'ccg_nhs_code', 'ccg_name', 'overlap_population',
    'ccgs_left', 'ccgs_joined', ...SIMILARITY, ...SUMMARY_ONLY.flatMap(triple), ...METRICS.flatMap(triple),
  ];
  const rows: CsvValue[][] = [];
  const push = (r: Record<string, CsvValue>) => rows.push(columns.map((k) => r[k] ?? null));

  const scenario: Record<string, CsvValue> = {
    row: 'scenario',
    a_name: c.a.name,
    b_name: c.b.name,
    overlap_population: c.englandPopulation - c.systems.movedPopulation,
    systems_adjusted_rand: roundTo(c.systems.similarity.adjustedRand, 6),
    systems_nvi: roundTo(c.systems.similarity.normalisedVariationOfInformation, 6),
    organisations_adjusted_rand: roundTo(c.organisations.similarity.adjustedRand, 6),
    organisations_nvi: roundTo(c.organisations.similarity.normalisedVariationOfInformation, 6),
  };
  put(scenario, 'population', { a: c.englandPopulation, b: c.englandPopulation, delta: 0 });
  for (const [k] of COMPARED_SUMMARY) put(scenario, k, c.summary[k]);
  push(scenario);

  for (const p of c.systemPairs) {
    const r: Record<string, CsvValue> = {
      row: 'system', a_id: p.aId, a_name: p.aName, b_id: p.bId, b_name: p.bName, overlap_population: p.overlap,
      ccgs_left: p.left.join(';'), ccgs_joined: p.joined.join(';'),
    };
    for (const k of METRICS) put(r, k, p.metrics[k]);
    push(r);
  }
  for (const [row, diff] of [['ccg-system', c.systems], ['ccg-organisation', c.organisations]] as const) {
    for (const m of diff.moved) {
      const r: Record<string, CsvValue> = {
        row, a_id: m.fromId, a_name: m.fromName, b_id: m.toId, b_name: m.toName,
        ccg_code: m.unit, ccg_nhs_code: m.nhsCode, ccg_name: m.name,
      };
      put(r, 'population', { a: m.population, b: m.population, delta: 0 });
      push(r);
    }
  }
  return csvTable(columns, rows, source);
}
