// Random edit sequences on the real STP 2019 baseline keep every invariant (DESIGN.md "Contracts").
import { beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { applyCommand, applyCommands, COMMAND_OPS, type Command } from '../../engine/commands.ts';
import { COLLABORATION_KINDS, COLLABORATION_STATUSES, scenarioFromBaseline, type ScenarioV1 } from '../../engine/scenario.ts';
import { ScenarioError } from '../../engine/errors.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import type { Geography } from '../../engine/geography.ts';
import { deepFreeze } from '../fixtures/deepFreeze.ts';
import { realBundle, realGeography } from './helpers/real.ts';
import { ENGLAND_TOTAL, expectInvariants } from './scenarioInvariants.ts';

let geo: Geography;
let baseline: ScenarioV1;
beforeAll(() => {
  geo = realGeography();
  baseline = deepFreeze(scenarioFromBaseline(realBundle(), 'stp-2019'));
});

/**
 * A command in the abstract: numbers pick units, systems, organisations and collaborations of whatever scenario
 * it is applied to (modulo their count), so most generated commands are applicable; `bogus` makes some refer
 * to ids that do not exist, to exercise refusals.
 */
interface Recipe {
  op: Command['op'];
  a: number;
  b: number;
  picks: number[];
  flag: boolean;
  bogus: boolean;
  text: string;
}

const recipe = fc.record({
  op: fc.constantFrom(...COMMAND_OPS),
  a: fc.nat(),
  b: fc.nat(),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  flag: fc.boolean(),
  bogus: fc.nat({ max: 9 }).map((k) => k === 0),
  text: fc.string({ maxLength: 12 }),
});

function toCommand(r: Recipe, s: ScenarioV1): Command {
  const units = r.picks.map((k) => geo.codes[k % geo.n]);
  const sys = (k: number) => (r.bogus ? 'no-such-system' : s.systems[k % s.systems.length].id);
  const org = (k: number) => (r.bogus ? 'no-such-org' : s.organisations[k % s.organisations.length].id);
  const collab = (k: number) => (r.bogus || s.collaborations.length === 0 ? 'collab-404' : s.collaborations[k % s.collaborations.length].id);
  const name = r.text.trim() ? r.text : `name ${r.a % 100}`;
  switch (r.op) {
    case 'assignUnits':
      return { op: 'assignUnits', units, system: sys(r.a) };
    case 'newSystem':
      return { op: 'newSystem', units, name };
    case 'mergeSystems':
      return { op: 'mergeSystems', systems: [sys(r.a), sys(r.b)], ...(r.flag ? { name } : {}) };
    case 'renameSystem':
      return { op: 'renameSystem', system: sys(r.a), name };
    case 'setLocked':
      // Locks are kept rare-ish, or most later moves would be refused.
      return { op: 'setLocked', system: sys(r.a), locked: r.flag && r.b % 3 === 0 };
    case 'setAtypical':
      return { op: 'setAtypical', system: sys(r.a), reason: r.flag ? name : null };
    case 'removeEmptySystems':
      return { op: 'removeEmptySystems' };
    case 'mergeOrganisations':
      return { op: 'mergeOrganisations', organisations: [org(r.a), org(r.b)], ...(r.flag ? { name } : {}) };
    case 'oneOrganisationPerSystem':
      return { op: 'oneOrganisationPerSystem', system: r.flag ? 'all' : sys(r.a) };
    case 'splitOrganisation': {
      if (!r.flag || r.bogus) return { op: 'splitOrganisation', organisation: org(r.a) };
      const o = s.organisations[r.a % s.organisations.length];
      const half = o.units.filter((_, k) => k % 2 === r.b % 2);
      return { op: 'splitOrganisation', organisation: o.id, groups: half.length > 0 ? [half] : [] };
    }
    case 'moveUnitsToOrganisation':
      return { op: 'moveUnitsToOrganisation', units, organisation: org(r.a) };
    case 'newOrganisation':
      return { op: 'newOrganisation', units, name };
    case 'renameOrganisation':
      return { op: 'renameOrganisation', organisation: org(r.a), name };
    case 'addCollaboration':
      return {
        op: 'addCollaboration',
        collaboration: {
          name,
          kind: COLLABORATION_KINDS[r.a % COLLABORATION_KINDS.length],
          status: COLLABORATION_STATUSES[r.b % COLLABORATION_STATUSES.length],
          services: r.flag ? ['ambulance'] : [],
          units,
        },
      };
    case 'updateCollaboration':
      return { op: 'updateCollaboration', collaboration: collab(r.a), patch: r.flag ? { units } : { status: COLLABORATION_STATUSES[r.b % 3] } };
    case 'removeCollaboration':
      return { op: 'removeCollaboration', collaboration: collab(r.a) };
    case 'updateSettings':
      return { op: 'updateSettings', patch: r.flag ? { band: { min: r.a % 1_000_000, max: r.b % 4_000_000 } } : { costPerHead: (r.a % 3000) / 100 } };
    case 'describeScenario':
      return { op: 'describeScenario', name, ...(r.flag ? { description: r.text } : {}) };
  }
}

/**
 * Random sequences per run, each of 5 to 30 commands (`size: 'max'`: fast-check's default size stops at 20):
 * 750 of them apply 10,483 commands and refuse 1,760 with the seed below (at least 10,000 applied is asserted).
 */
const SEQUENCES = 750;

describe('commands on the real STP 2019 baseline', () => {
  // ~10 s of one core (2 Dec: 31 s wall on the shared machine at load 12): a generous limit, not a wait.
  it('keep every CCG in exactly one system and organisation, conserve population, validate, never mutate', { timeout: 180_000 }, () => {
    const applied = new Map<Command['op'], number>();
    const refused = new Map<Command['op'], number>();
    const lengths = new Set<number>();
    const bump = (m: Map<Command['op'], number>, op: Command['op']) => m.set(op, (m.get(op) ?? 0) + 1);
    fc.assert(
      fc.property(fc.array(recipe, { minLength: 5, maxLength: 30, size: 'max' }), (recipes) => {
        lengths.add(recipes.length);
        let s = baseline;
        for (const r of recipes) {
          const cmd = toCommand(r, s);
          let next: ScenarioV1;
          try {
            // `s` is deep-frozen: an operation that mutated its input would throw a TypeError, not a ScenarioError.
            next = applyCommand(s, cmd, geo);
          } catch (e) {
            // Only a precise refusal is acceptable (and the frozen scenario is untouched by construction).
            if (!(e instanceof ScenarioError)) throw e;
            expect(e.message.length).toBeGreaterThan(10);
            bump(refused, cmd.op);
            continue;
          }
          bump(applied, cmd.op);
          expectInvariants(next, geo);
          let total = 0;
          for (const g of next.systems) for (const u of g.units) total += geo.population[geo.indexOfCode(u)];
          expect(total).toBe(ENGLAND_TOTAL);
          // What an operation makes is exactly what validation accepts and returns. Node's strict deep equality
          // first (a third of the time of toEqual, which runs 10,000 times here); toEqual only to judge and explain
          // a difference.
          const validated = validateScenario(JSON.parse(JSON.stringify(next)), geo);
          if (!isDeepStrictEqual(validated, next)) expect(validated).toEqual(next);
          s = deepFreeze(next);
        }
      }),
      { numRuns: SEQUENCES, seed: 20190401 },
    );
    const sum = (m: Map<Command['op'], number>) => [...m.values()].reduce((a, b) => a + b, 0);
    // The volume asked of CI: at least 10,000 commands applied and checked, in sequences of 5 to 30.
    expect(sum(applied)).toBeGreaterThanOrEqual(10_000);
    expect(Math.min(...lengths)).toBe(5);
    expect(Math.max(...lengths)).toBe(30);
    // Both paths exercised substantially (a generator that only produced refusals would check nothing).
    expect(sum(refused)).toBeGreaterThan(500);
    // Every kind of command was applied successfully many times, not merely generated.
    for (const op of COMMAND_OPS) expect(applied.get(op) ?? 0, op).toBeGreaterThanOrEqual(100);
  });

  it('replaying a log gives the same scenario (deterministic ids)', () => {
    fc.assert(
      fc.property(fc.array(recipe, { minLength: 1, maxLength: 15 }), (recipes) => {
        const log: Command[] = [];
        let s = baseline;
        for (const r of recipes) {
          const cmd = toCommand(r, s);
          try {
            s = applyCommand(s, cmd, geo);
            log.push(cmd);
          } catch (e) {
            if (!(e instanceof ScenarioError)) throw e;
          }
        }
        expect(applyCommands(baseline, JSON.parse(JSON.stringify(log)) as Command[], geo)).toEqual(s);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('applyCommand refuses an unknown op, and applyCommands names the failing index', () => {
    expect(() => applyCommand(baseline, { op: 'explode' } as unknown as Command)).toThrow(/op: unknown command "explode"/);
    const log: Command[] = [{ op: 'renameSystem', system: baseline.systems[0].id, name: 'X' }, { op: 'assignUnits', units: ['E38999999'], system: baseline.systems[0].id }];
    expect(() => applyCommands(baseline, log)).toThrow(/commands\[1\] \(assignUnits\): units\[0\]: unknown unit code "E38999999"/);
  });
});
