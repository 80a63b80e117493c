/** A command in words, for the undo / redo buttons ("Undo: assign 2 CCGs to Kent and Medway", "… 2 LSOAs …"). */
import type { Command } from '../engine/commands.ts';
import type { ScenarioV1 } from '../engine/scenario.ts';
import type { Geography } from '../engine/geography.ts';
import { plural } from '../engine/format.ts';


export function describeCommand(cmd: Command, s: ScenarioV1, geo: Geography): string {
  const sys = (id: string) => s.systems.find((g) => g.id === id)?.name ?? id;
  const org = (id: string) => s.organisations.find((g) => g.id === id)?.name ?? id;
  const units = (codes: string[]) => (codes.length === 1 ? geo.names[geo.indexOfCode(codes[0])] ?? codes[0] : plural(codes.length, geo.noun.one, geo.noun.many));
  switch (cmd.op) {
    case 'assignUnits': return `assign ${units(cmd.units)} to ${sys(cmd.system)}`;
    case 'newSystem': return `new system ${cmd.name}`;
    case 'mergeSystems': return `merge ${plural(cmd.systems.length, 'system')}`;
    case 'renameSystem': return `rename ${sys(cmd.system)}`;
    case 'setLocked': return `${cmd.locked ? 'lock' : 'unlock'} ${sys(cmd.system)}`;
    case 'setAtypical': return `${cmd.reason ? 'mark' : 'unmark'} ${sys(cmd.system)} atypical`;
    case 'removeEmptySystems': return 'remove empty systems';
    case 'mergeOrganisations': return `merge ${plural(cmd.organisations.length, 'organisation')}`;
    case 'oneOrganisationPerSystem': return cmd.system === 'all' ? 'one CCG per ICS everywhere' : `one CCG per ICS in ${sys(cmd.system)}`;
    case 'splitOrganisation': return `split ${org(cmd.organisation)}`;
    case 'moveUnitsToOrganisation': return `move ${units(cmd.units)} to ${org(cmd.organisation)}`;
    case 'newOrganisation': return `new organisation ${cmd.name}`;
    case 'renameOrganisation': return `rename ${org(cmd.organisation)}`;
    case 'addCollaboration': return `add collaboration ${cmd.collaboration.name}`;
    case 'updateCollaboration': return 'edit collaboration';
    case 'removeCollaboration': return 'remove collaboration';
    case 'updateSettings': return 'change settings';
    case 'describeScenario': return 'rename scenario';
    default: return 'edit';
  }
}
