/** Local authority districts and upper-tier authorities of 2019, and each unit's population in them. */
import type { Bundle } from '../engine/bundle.ts';
import { requireEqualBy } from './checks.ts';
import { areaTable, lsoaItems, triples } from './membership.ts';
import type { Lookups } from './lookups.ts';
import type { Populations } from './population.ts';

export function buildCouncils(lk: Lookups, pop: Populations, unitIndex: Map<string, number>): Bundle['councils'] {
  const lad = areaTable(lk.lsoa.map((r) => [r.lad19, lk.ltlaUtla.get(r.lad19)!.ltlaName]));
  const utla = areaTable([...lk.ltlaUtla.values()].map((v) => [v.utla, v.utlaName]));

  const ladPop = new Array<number>(lad.code.length).fill(0);
  for (const r of lk.lsoa) ladPop[lad.index.get(r.lad19)!] += pop.lsoa.get(r.code)!;
  requireEqualBy('LAD population (LSOA sum) equals MYE2-All', lad.code, (c) => ladPop[lad.index.get(c)!], (c) => pop.mye2.get(c) ?? -1, ['LSOA sum', 'MYE2']);

  const ladUtla = lad.code.map((c) => utla.index.get(lk.ltlaUtla.get(c)!.utla)!);
  const utlaPop = new Array<number>(utla.code.length).fill(0);
  ladUtla.forEach((u, l) => (utlaPop[u] += ladPop[l]));
  requireEqualBy('UTLA population (sum of its LADs) equals MYE2-All', utla.code, (c) => utlaPop[utla.index.get(c)!], (c) => pop.mye2.get(c) ?? -1, ['LAD sum', 'MYE2']);

  return {
    lad: { code: lad.code, name: lad.name, utla: ladUtla, population: ladPop },
    utla: { code: utla.code, name: utla.name, population: utlaPop },
    unitLad: triples(lsoaItems(lk, pop, unitIndex, (r) => lad.index.get(r.lad19)!)),
    unitUtla: triples(lsoaItems(lk, pop, unitIndex, (r) => utla.index.get(lk.ltlaUtla.get(r.lad19)!.utla)!)),
  };
}
