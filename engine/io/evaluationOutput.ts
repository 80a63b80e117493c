/**
 * An evaluation as analysts read it: plain JSON (no typed arrays or cache keys) and one CSV table.
 *
 * JSON: `{scenario, summary, findings, systems, organisations, collaborations, provenance}`, each group with every
 * metric. CSV: one row per system, organisation and collaboration (column `level`) with the GeoJSON export's
 * columns and `findings` (the finding codes concerning that group), then one `england` row with the scenario's
 * totals; every row ends with `source` and `attribution`. Provenance: see provenance.ts.
 */
import type { Evaluation } from '../evaluate.ts';
import type { GroupLevel, GroupMetrics } from '../metrics.ts';
import type { Finding } from '../checks.ts';
import { flatColumns, flatRecord } from './flatRecord.ts';
import type { CsvValue } from './csvRows.ts';
import { csvTable, exportProvenance, type ExportProvenance, type ProvenanceSource } from './provenance.ts';

export type PlainGroupMetrics = Omit<GroupMetrics, 'members' | 'signature'>;

export interface PlainEvaluation {
  scenario: Evaluation['scenario'];
  summary: Evaluation['summary'];
  findings: Finding[];
  systems: PlainGroupMetrics[];
  organisations: PlainGroupMetrics[];
  collaborations: PlainGroupMetrics[];
  provenance: ExportProvenance;
}

const plain = ({ members: _m, signature: _s, ...rest }: GroupMetrics): PlainGroupMetrics => rest;

export function evaluationJson(ev: Evaluation, source: ProvenanceSource): PlainEvaluation {
  return {
    scenario: ev.scenario,
    summary: ev.summary,
    findings: ev.findings,
    systems: ev.systems.map(plain),
    organisations: ev.organisations.map(plain),
    collaborations: ev.collaborations.map(plain),
    provenance: exportProvenance(source),
  };
}

/** Findings concerning a group: a system is the first id of its own findings and any id of a council split. */
function findingsOf(level: GroupLevel, id: string, findings: readonly Finding[]): string {
  const codes = findings
    .filter((f) =>
      level === 'organisations'
        ? f.code === 'organisation-straddles-systems' && f.ids[0] === id
        : level === 'systems' && f.code !== 'organisation-straddles-systems' && (f.ids[0] === id || (f.code === 'council-split' && f.ids.includes(id))),
    )
    .map((f) => f.code);
  // A system splitting three councils has three council-split findings: count them.
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, k]) => (k > 1 ? `${c}×${k}` : c)).join(';');
}

export function evaluationCsv(ev: Evaluation, source: ProvenanceSource): string {
  const columns = ['level', ...new Set([...flatColumns('systems'), ...flatColumns('collaborations')]), 'findings'];
  const rows: CsvValue[][] = [];
  const singular = { systems: 'system', organisations: 'organisation', collaborations: 'collaboration' } as const;
  for (const level of ['systems', 'organisations', 'collaborations'] as const) {
    for (const m of ev[level]) {
      const r: Record<string, CsvValue> = { level: singular[level], ...flatRecord(m), findings: findingsOf(level, m.id, ev.findings) };
      rows.push(columns.map((c) => r[c] ?? null));
    }
  }
  const s = ev.summary;
  const england: Record<string, CsvValue> = {
    level: 'england',
    id: ev.scenario.unitSet,
    name: ev.scenario.name,
    population: s.englandTotal,
    ccg_count: ev.systemPartition.unitToGroup.length,
    organisation_count: s.organisations,
    allowance_gbp: Math.round(s.allowance),
    fixed_costs_gbp: Math.round(s.fixedCosts),
    running_cost_gbp: Math.round(s.runningCost),
    governing_bodies: s.governingBodies,
    accountable_officers: s.accountableOfficers,
    findings: ev.findings.map((f) => f.code).filter((c, k, all) => all.indexOf(c) === k).join(';'),
  };
  rows.push(columns.map((c) => england[c] ?? null));
  return csvTable(columns, rows, source);
}
