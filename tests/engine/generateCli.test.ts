// `footprints generate` as a command module (bin/commands/generate.ts) with its files, output and Ctrl+C in
// memory: bad option values are usage errors naming the flag (nothing read or written); constraints the scenario
// cannot meet are input errors; an interrupt writes the best plan so far; the written scenario validates.
// The real process (exit codes, one line on stderr) is tests/cli/generate.test.ts.
import { describe, expect, it } from 'vitest';
import { realGeography } from './helpers/real.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { ScenarioError } from '../../engine/errors.ts';
import { generate, runGenerate, EXIT_INTERRUPTED, type GenerateIo } from '../../bin/commands/generate.ts';
import { parseCommandArgs } from '../../bin/args.ts';
import { Data } from '../../bin/data.ts';
import { Reporter } from '../../bin/report.ts';
import { UsageError } from '../../bin/errors.ts';
import type { Context } from '../../bin/command.ts';

function memory(argv: string[]) {
  const files = new Map<string, string>();
  let out = '';
  let err = '';
  let interrupt: (() => void) | null = null;
  const stderr = (s: string) => {
    err += s;
    // Interrupt at the first progress line: the chain has run but is far from done.
    if (/steps\/s/.test(s)) interrupt?.();
  };
  const io: GenerateIo = {
    writeFile: (p, t) => files.set(p, t),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: stderr, isTTY: false },
    onInterrupt: (h) => ((interrupt = h), () => (interrupt = null)),
  };
  const { values, positionals } = parseCommandArgs(argv, generate.options);
  const report = new Reporter(false, !!values.verbose, stderr);
  const ctx: Context = { args: positionals, values, report, data: new Data(report) };
  return { ctx, io, files, out: () => out, err: () => err };
}

describe('footprints generate (module)', () => {
  it.each([
    [['baseline:stp-2019', '--seed', '1', '-o', 'x.json'], '--steps is required'],
    [['baseline:stp-2019', '--steps', '10', '--seed', 'one', '-o', 'x.json'], '--seed must be a whole number ≥ 0, not "one"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--band', '5-x', '-o', 'x.json'], '--band must be MIN-MAX'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--objective', 'beauty', '-o', 'x.json'], 'unknown objective "beauty"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '40-', '-o', 'x.json'], '--systems must be N or MIN-MAX, whole numbers of systems such as 40-44, not "40-"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '44-40', '-o', 'x.json'], '--systems: 44-40 is not a range of system counts (1 ≤ MIN ≤ MAX)'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '0', '-o', 'x.json'], '--systems: 0 is not a range'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1'], 'needs -o FILE'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '-o', 'x.json', '--format', 'csv'], '--format must be one of text, json, not "csv"'],
  ])('refuses %j as a usage error, writing nothing', async (argv, message) => {
    const m = memory(argv);
    await expect(runGenerate(m.ctx, m.io)).rejects.toThrow(UsageError);
    await expect(runGenerate(m.ctx, m.io)).rejects.toThrow(message);
    expect(m.files.size).toBe(0);
  });

  it('a scenario the constraints do not fit is bad input naming the flag and both counts', async () => {
    const m = memory(['baseline:stp-2019', '--steps', '10', '--seed', '1', '--systems', '30-40', '-o', 'x.json']);
    const e = await runGenerate(m.ctx, m.io).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as Error).message).toBe('baseline:stp-2019: --systems: the scenario has 42 systems, outside the range 30–40 asked for');
    const lock = memory(['baseline:stp-2019', '--steps', '10', '--seed', '1', '--lock', 'nope', '-o', 'x.json']);
    await expect(runGenerate(lock.ctx, lock.io)).rejects.toThrow('lock[0]: no system has id "nope"');
    expect(m.files.size + lock.files.size).toBe(0);
  });

  it('on an interrupt writes the best plans so far, which validate (exit 130)', async () => {
    const m = memory(['baseline:stp-2019', '--steps', '100000000', '--seed', '2', '--top', '2', '-o', 'best.json', '--verbose']);
    expect(await runGenerate(m.ctx, m.io)).toBe(EXIT_INTERRUPTED);
    expect(m.err()).toContain('footprints: interrupted; writing the best plans so far');
    expect([...m.files.keys()].sort()).toEqual(['best-2.json', 'best.json']);
    const s = validateScenario(JSON.parse(m.files.get('best.json')!), realGeography());
    expect(s.systems).toHaveLength(42);
    expect(m.out().split('\n')[0]).toBe('rank\tscore\tcoterminosity\tsystemsInBand\tregionCrossings\tcutEdges\tpeopleMoved\toneOrganisation\tsystems');
  });

  it('quiet off a terminal without --verbose; --format json gives the ranking as JSON', async () => {
    const m = memory(['baseline:stp-2019', '--steps', '3000', '--seed', '4', '--systems', '40-44', '--top', '2', '-o', 'b.json', '--format', 'json']);
    expect(await runGenerate(m.ctx, m.io)).toBeUndefined();
    expect(m.err()).toBe('');
    const doc = JSON.parse(m.out()) as { steps: number; interrupted: boolean; options: { rank: number; file: string; metrics: Record<string, number> }[] };
    expect(doc.steps).toBe(3000);
    expect(doc.interrupted).toBe(false);
    expect(doc.options.map((o) => o.file)).toEqual(['b.json', 'b-2.json']);
    for (const o of doc.options) {
      const s = JSON.parse(m.files.get(o.file)!) as { systems: unknown[]; description: string };
      expect(s.systems).toHaveLength(o.metrics.systems);
      expect(s.description).toMatch(/40–44 systems/);
    }
  });
});
