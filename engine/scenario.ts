/**
 * The scenario: what a planner saves, shares, imports and exports. Plain JSON, versioned by `schema`.
 * Units are referred to by ONS code (E38…), so a file stays readable and survives a change of unit order.
 *
 * Invariants (checked by `io/validate.ts`, kept by every operation in this file):
 * - `systems` partition the unit set: every unit in exactly one system;
 * - `organisations` partition the unit set: every unit in exactly one organisation;
 * - ids are unique within systems, within organisations and within collaborations.
 */

export const SCENARIO_SCHEMA = 'footprints/scenario@1' as const;

export const COLLABORATION_KINDS = [
  'shared-accountable-officer',
  'joint-committee',
  'committees-in-common',
  'joint-team',
  'lead-commissioner',
  'collaborative-commissioning',
] as const;
export type CollaborationKind = (typeof COLLABORATION_KINDS)[number];

export const COLLABORATION_STATUSES = ['in-place', 'planned', 'possible'] as const;
export type CollaborationStatus = (typeof COLLABORATION_STATUSES)[number];

/** Running-cost allowance presets, £ per head (DOMAIN.md: 2013/14, 2016/17, expected 2020/21). */
export const COST_PER_HEAD_PRESETS = [25, 22.07, 21.46] as const;

export interface SystemDef {
  id: string;
  name: string;
  /** ONS codes of the member units. */
  units: string[];
  locked?: boolean;
  /** The planner's reason for keeping more than one organisation in this system. */
  atypical?: string;
}

export interface OrganisationDef {
  id: string;
  name: string;
  units: string[];
}

export interface CollaborationDef {
  id: string;
  name: string;
  kind: CollaborationKind;
  /** Services covered, free text (e.g. "ambulance", "mental health"). */
  services: string[];
  status: CollaborationStatus;
  units: string[];
}

export interface ScenarioSettings {
  /** Population band for systems, persons. */
  band: { min: number; max: number };
  /** Running-cost allowance, £ per head. */
  costPerHead: number;
}

export interface ScenarioV1 {
  schema: typeof SCENARIO_SCHEMA;
  /** Unit set the codes refer to, e.g. `ccg-2019`. */
  unitSet: string;
  name: string;
  description?: string;
  /** Baseline this scenario started from, if any. */
  basedOn?: string;
  systems: SystemDef[];
  organisations: OrganisationDef[];
  collaborations: CollaborationDef[];
  settings: ScenarioSettings;
}

export const DEFAULT_SETTINGS: ScenarioSettings = {
  // The band the design measures against (DESIGN.md, ReCom budget); a planner's setting, not policy.
  band: { min: 400_000, max: 3_500_000 },
  costPerHead: 21.46,
};
