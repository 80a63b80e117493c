/**
 * The scenario as plain JSON: the shape a planner saves, shares, imports and exports, and the shape of the
 * baselines a unit-set descriptor ships (bundle.ts). Types only, beside the schema tag they carry, so the
 * descriptor can name them without reaching the operations in scenario.ts, which build on both.
 */
import type { COLLABORATION_KINDS, COLLABORATION_STATUSES } from './scenarioRules.ts';

export const SCENARIO_SCHEMA = 'footprints/scenario@1' as const;

export type CollaborationKind = (typeof COLLABORATION_KINDS)[number];
export type CollaborationStatus = (typeof COLLABORATION_STATUSES)[number];

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
  /** Fixed cost of one organisation's governing body, £ a year (default: runningCosts.ts). */
  governingBodyCost: number;
  /** Fixed cost of one accountable officer, £ a year (default: runningCosts.ts). */
  accountableOfficerCost: number;
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
