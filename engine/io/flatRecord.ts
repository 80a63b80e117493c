/**
 * Group metrics as flat records (string, number, boolean or null values only), so a GIS user sees readable
 * columns in the GeoJSON properties and in the CSV alike. Lists are joined with ';'. Shares are 0..1.
 */
import type { GroupLevel, GroupMetrics } from '../metrics.ts';

export type FlatValue = string | number | boolean | null;
export type FlatRecord = Record<string, FlatValue>;

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Column names of `flatRecord` for a level, in order. */
export function flatColumns(level: GroupLevel): string[] {
  const common = [
    'id', 'name', 'population', 'ccg_count', 'ccg_parts', 'organisation_count', 'ccg_codes', 'organisation_ids', 'area_km2',
    'perimeter_km', 'components', 'polsby_popper', 'coterminosity_utla', 'coterminosity_lad', 'split_utla',
    'split_lad', 'regions', 'gp_practices', 'registered_patients', 'allowance_gbp', 'fixed_costs_gbp', 'running_cost_gbp', 'governing_bodies',
    'accountable_officers',
  ];
  if (level === 'systems') return [...common, 'atypical_reason', 'locked'];
  if (level === 'collaborations') return [...common, 'kind', 'status', 'services'];
  return common;
}

const splitText = (xs: GroupMetrics['splitUtla']) => xs.map((c) => `${c.name} (${c.code}) ${round(c.share * 100, 1)}%`).join(';');

export function flatRecord(m: GroupMetrics): FlatRecord {
  const r: FlatRecord = {
    id: m.id,
    name: m.name,
    population: m.population,
    ccg_count: m.ccgCount,
    ccg_parts: m.ccgParts,
    organisation_count: m.organisationCount,
    ccg_codes: m.units.join(';'),
    organisation_ids: m.organisationIds.join(';'),
    area_km2: round(m.areaKm2, 1),
    perimeter_km: round(m.perimeterKm, 1),
    components: m.components,
    polsby_popper: round(m.polsbyPopper, 4),
    coterminosity_utla: round(m.coterminosityUtla, 4),
    coterminosity_lad: round(m.coterminosityLad, 4),
    split_utla: splitText(m.splitUtla),
    split_lad: splitText(m.splitLad),
    regions: m.regions.join(';'),
    gp_practices: m.gpPractices,
    registered_patients: Math.round(m.registeredPatients),
    allowance_gbp: Math.round(m.allowance),
    fixed_costs_gbp: Math.round(m.fixedCosts),
    running_cost_gbp: Math.round(m.runningCost),
    governing_bodies: m.governingBodies,
    accountable_officers: m.accountableOfficers,
  };
  if (m.level === 'systems') {
    r.atypical_reason = m.atypical ?? null;
    r.locked = m.locked ?? false;
  } else if (m.level === 'collaborations') {
    r.kind = m.kind ?? null;
    r.status = m.status ?? null;
    r.services = (m.services ?? []).join(';');
  }
  return r;
}
