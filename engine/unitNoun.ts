/**
 * The noun a unit set uses for one unit and for many, for labels and messages. The bundle does not carry it yet,
 * so it is read from the unit set's id here, in one place; an unknown set is spoken of as "unit".
 */
const NOUNS: Record<string, readonly [string, string]> = {
  'ccg-2019': ['CCG', 'CCGs'],
  'ccg-district-2019': ['CCG piece', 'CCG pieces'],
  'lsoa-2011': ['LSOA', 'LSOAs'],
};

export interface UnitNoun {
  one: string;
  many: string;
}

export function unitNoun(unitSet: string): UnitNoun {
  const [one, many] = NOUNS[unitSet] ?? ['unit', 'units'];
  return { one, many };
}
