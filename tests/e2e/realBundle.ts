// The built bundle, read independently of the app, so tests compare the UI against the data itself.
import { readFileSync } from 'node:fs';
import type { Bundle } from '../../engine/bundle.ts';
import { ROOT } from './helpers.ts';

export const bundle = JSON.parse(readFileSync(`${ROOT}geodata/dist/bundle.json`, 'utf8')) as Bundle;

/** A CCG on the border of its STP, with an STP it borders: the classic edit. */
export function borderCcg(preferName?: RegExp): { i: number; code: string; population: number; from: string; to: string } {
  const { land } = bundle.adjacency;
  const stp = bundle.units.stp;
  const s2019 = bundle.baselines['stp-2019'];
  const systemOf = new Map<string, string>();
  for (const s of s2019.systems) for (const u of s.units) systemOf.set(u, s.id);
  const candidates: [number, number][] = [];
  for (let k = 0; k < land.length; k += 2) if (stp[land[k]] !== stp[land[k + 1]]) candidates.push([land[k], land[k + 1]]);
  const [i, j] = candidates.find(([a]) => !preferName || preferName.test(bundle.units.name[a])) ?? candidates[0];
  const code = bundle.units.code[i];
  return { i, code, population: bundle.units.population[i], from: systemOf.get(code)!, to: systemOf.get(bundle.units.code[j])! };
}
