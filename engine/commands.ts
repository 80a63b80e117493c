/**
 * Commands: every scenario operation as plain data, so the UI can keep a log (undo = replay the log without its
 * last entry from the saved start), autosave it, and property tests can generate random edit sequences.
 * Commands are JSON-serialisable; `applyCommand` is the only interpreter.
 */
import type { CollaborationInput, CollaborationPatch, ScenarioV1, SettingsPatch, UnitNames } from './scenario.ts';
import {
  addCollaboration,
  assignUnits,
  describeScenario,
  mergeOrganisations,
  mergeSystems,
  moveUnitsToOrganisation,
  newOrganisation,
  newSystem,
  oneOrganisationPerSystem,
  removeCollaboration,
  removeEmptySystems,
  renameOrganisation,
  renameSystem,
  setAtypical,
  setLocked,
  splitOrganisation,
  updateCollaboration,
  updateSettings,
} from './scenario.ts';
import { ScenarioError } from './errors.ts';

export type Command =
  | { op: 'assignUnits'; units: string[]; system: string }
  | { op: 'newSystem'; units: string[]; name: string; id?: string }
  | { op: 'mergeSystems'; systems: string[]; name?: string }
  | { op: 'renameSystem'; system: string; name: string }
  | { op: 'setLocked'; system: string; locked: boolean }
  | { op: 'setAtypical'; system: string; reason: string | null }
  | { op: 'removeEmptySystems' }
  | { op: 'mergeOrganisations'; organisations: string[]; name?: string }
  | { op: 'oneOrganisationPerSystem'; system: string | 'all' }
  | { op: 'splitOrganisation'; organisation: string; groups?: string[][] }
  | { op: 'moveUnitsToOrganisation'; units: string[]; organisation: string }
  | { op: 'newOrganisation'; units: string[]; name: string; id?: string }
  | { op: 'renameOrganisation'; organisation: string; name: string }
  | { op: 'addCollaboration'; collaboration: CollaborationInput }
  | { op: 'updateCollaboration'; collaboration: string; patch: CollaborationPatch }
  | { op: 'removeCollaboration'; collaboration: string }
  | { op: 'updateSettings'; patch: SettingsPatch }
  | { op: 'describeScenario'; name?: string; description?: string };

export type CommandOp = Command['op'];

/** Every op, for generators and exhaustive UI menus. */
export const COMMAND_OPS: readonly CommandOp[] = [
  'assignUnits',
  'newSystem',
  'mergeSystems',
  'renameSystem',
  'setLocked',
  'setAtypical',
  'removeEmptySystems',
  'mergeOrganisations',
  'oneOrganisationPerSystem',
  'splitOrganisation',
  'moveUnitsToOrganisation',
  'newOrganisation',
  'renameOrganisation',
  'addCollaboration',
  'updateCollaboration',
  'removeCollaboration',
  'updateSettings',
  'describeScenario',
];

/**
 * Applies one command. `names` (a Geography) names organisations split back to single CCGs; give it whenever
 * available so a replayed log gives the same names.
 */
export function applyCommand(s: ScenarioV1, cmd: Command, names?: UnitNames): ScenarioV1 {
  switch (cmd.op) {
    case 'assignUnits':
      return assignUnits(s, cmd.units, cmd.system);
    case 'newSystem':
      return newSystem(s, cmd.units, cmd.id === undefined ? { name: cmd.name } : { id: cmd.id, name: cmd.name });
    case 'mergeSystems':
      return mergeSystems(s, cmd.systems, cmd.name === undefined ? {} : { name: cmd.name });
    case 'renameSystem':
      return renameSystem(s, cmd.system, cmd.name);
    case 'setLocked':
      return setLocked(s, cmd.system, cmd.locked);
    case 'setAtypical':
      return setAtypical(s, cmd.system, cmd.reason);
    case 'removeEmptySystems':
      return removeEmptySystems(s);
    case 'mergeOrganisations':
      return mergeOrganisations(s, cmd.organisations, cmd.name === undefined ? {} : { name: cmd.name });
    case 'oneOrganisationPerSystem':
      return oneOrganisationPerSystem(s, cmd.system);
    case 'splitOrganisation':
      return splitOrganisation(s, cmd.organisation, cmd.groups, names);
    case 'moveUnitsToOrganisation':
      return moveUnitsToOrganisation(s, cmd.units, cmd.organisation);
    case 'newOrganisation':
      return newOrganisation(s, cmd.units, cmd.id === undefined ? { name: cmd.name } : { id: cmd.id, name: cmd.name });
    case 'renameOrganisation':
      return renameOrganisation(s, cmd.organisation, cmd.name);
    case 'addCollaboration':
      return addCollaboration(s, cmd.collaboration);
    case 'updateCollaboration':
      return updateCollaboration(s, cmd.collaboration, cmd.patch);
    case 'removeCollaboration':
      return removeCollaboration(s, cmd.collaboration);
    case 'updateSettings':
      return updateSettings(s, cmd.patch);
    case 'describeScenario':
      return describeScenario(s, { ...(cmd.name === undefined ? {} : { name: cmd.name }), ...(cmd.description === undefined ? {} : { description: cmd.description }) });
    default: {
      // Commands arrive from logs and share links too, so an unknown op is bad input, not a programming error.
      const op: unknown = (cmd as { op?: unknown })?.op;
      throw new ScenarioError('invalid-argument', `op: unknown command ${JSON.stringify(op)}`, 'op');
    }
  }
}

/** Applies commands in order; stops at the first refused one (its ScenarioError says which, by index). */
export function applyCommands(s: ScenarioV1, cmds: readonly Command[], names?: UnitNames): ScenarioV1 {
  return cmds.reduce((acc, cmd, k) => {
    try {
      return applyCommand(acc, cmd, names);
    } catch (e) {
      if (e instanceof ScenarioError) throw new ScenarioError(e.code, `commands[${k}] (${cmd.op}): ${e.message}`, `commands[${k}]${e.path ? '.' + e.path : ''}`);
      throw e;
    }
  }, s);
}
