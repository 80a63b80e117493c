// `footprints generate` as a module (bin/commands/generate.ts) with an in-memory io: bad options get one line
// and exit 1; an interrupt writes the best plan so far; the written scenario validates.
import { describe, expect, it } from 'vitest';
import { realGeography } from './helpers/real.ts';
import { scenarioFromBaseline } from '../../engine/scenario.ts';
import { validateScenario } from '../../engine/io/validate.ts';
import { generateCommand, type GenerateIo } from '../../bin/commands/generate.ts';

function memoryIo() {
  const geo = realGeography();
  const files = new Map<string, string>();
  let out = '';
  let err = '';
  let interrupt: (() => void) | null = null;
  const io: GenerateIo = {
    geography: () => geo,
    readScenario: (g, ref) => scenarioFromBaseline(g.bundle, ref.replace(/^baseline:/, '')),
    writeFile: (p, t) => files.set(p, t),
    stdout: { write: (s: string) => (out += s) },
    stderr: {
      write: (s: string) => {
        err += s;
        // Interrupt at the first progress line: the chain has run but is far from done.
        if (/steps\/s/.test(s)) interrupt?.();
      },
      isTTY: false,
    },
    onInterrupt: (h) => ((interrupt = h), () => (interrupt = null)),
  };
  return { io, files, geo, out: () => out, err: () => err };
}

describe('footprints generate', () => {
  it.each([
    [['baseline:stp-2019', '--seed', '1', '-o', 'x.json'], '--steps is required'],
    [['baseline:stp-2019', '--steps', '10', '--seed', 'one', '-o', 'x.json'], '--seed must be a whole number ≥ 0, not "one"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--band', '5-x', '-o', 'x.json'], '--band must be MIN-MAX'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--objective', 'beauty', '-o', 'x.json'], 'unknown objective "beauty"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--lock', 'nope', '-o', 'x.json'], 'lock[0]: no system has id "nope"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1', '--units', 'msoa', '-o', 'x.json'], '--units must be one of ccg-2019, ccg-district-2019, lsoa-2011, not "msoa"'],
    [['baseline:stp-2019', '--steps', '10', '--seed', '1'], 'needs -o FILE'],
  ])('refuses %j with one line and exit 1', async (argv, message) => {
    const m = memoryIo();
    expect(await generateCommand(argv, m.io)).toBe(1);
    expect(m.err()).toContain(message);
    expect(m.err().trim().split('\n')).toHaveLength(1);
    expect(m.files.size).toBe(0);
  });

  it('on an interrupt writes the best plans so far, which validate', async () => {
    const m = memoryIo();
    const code = await generateCommand(['baseline:stp-2019', '--steps', '100000000', '--seed', '2', '--top', '2', '-o', 'best.json'], m.io);
    expect(code).toBe(130);
    expect(m.err()).toContain('interrupted');
    expect([...m.files.keys()].sort()).toEqual(['best-2.json', 'best.json']);
    const s = validateScenario(JSON.parse(m.files.get('best.json')!), m.geo);
    expect(s.systems).toHaveLength(42);
    expect(m.out().split('\n')[0]).toMatch(/^rank\tscore\tcoterminosity/);
  });
});
