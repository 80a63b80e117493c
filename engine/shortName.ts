/**
 * Shorter names for labels on a small map: the words every footprint's name repeats say nothing about where it is.
 * "NHS " at the start, a trailing "CCG", "STP", "ICS", "ICB", "Integrated Care Board/System" or "(Health and)
 * (Social) Care Partnership", and a bracketed tail are dropped, and "and" becomes "&". The full name stays everywhere else (tables,
 * exports); a name that would shrink to nothing is kept whole.
 */
const LEADING = /^(?:NHS|The)\s+/i;
const TRAILING = [
  /\s*\([^)]*\)\s*$/,
  /\s+(?:Health\s+and\s+)?(?:Social\s+)?Care\s+Partnership$/i,
  /\s+Partners\s+in\s+Health\s+and\s+Care$/i,
  /\s+Health\s+and\s+Care$/i,
  /\s+Integrated\s+Care\s+(?:Board|System|Partnership)$/i,
  /\s+(?:CCG|STP|ICS|ICB|ICP)$/i,
];

export function shortName(name: string): string {
  return trimmed(name).replace(/\s+and\s+/g, ' & ');
}

function trimmed(name: string): string {
  let s = name.trim();
  for (let changed = true; changed; ) {
    changed = false;
    const lead = s.replace(LEADING, '');
    if (lead !== s && lead.trim()) [s, changed] = [lead.trim(), true];
    for (const re of TRAILING) {
      const t = s.replace(re, '');
      if (t !== s && t.trim()) [s, changed] = [t.trim(), true];
    }
  }
  return s;
}

/**
 * County names as Ordnance Survey and the NHS's small-scale maps abbreviate them, for a label set small on a
 * crowded map only; the table, the tip and larger zooms keep the full name.
 */
const COUNTIES: readonly [string, string][] = [
  ['Bedfordshire', 'Beds'], ['Buckinghamshire', 'Bucks'], ['Hertfordshire', 'Herts'], ['Gloucestershire', 'Glos'],
  ['Leicestershire', 'Leics'], ['Nottinghamshire', 'Notts'], ['Northamptonshire', 'Northants'], ['Worcestershire', 'Worcs'],
  ['Lincolnshire', 'Lincs'], ['Lancashire', 'Lancs'], ['Cambridgeshire', 'Cambs'], ['Oxfordshire', 'Oxon'],
  ['Berkshire', 'Berks'], ['Warwickshire', 'Warks'], ['Staffordshire', 'Staffs'], ['Derbyshire', 'Derbys'],
  ['Wiltshire', 'Wilts'], ['Hampshire', 'Hants'], ['Shropshire', 'Salop'], ['Northumberland', 'Northd'],
];
const COUNTY = new RegExp(`\\b(${COUNTIES.map(([full]) => full).join('|')})\\b`, 'g');
const ABBREVIATION = new Map(COUNTIES);

/** Compass words before a place, as initials ("North East Essex" → "NE Essex", "South West London" → "SW London"). */
const COMPASS = /\b(North|South)(?:\s+(East|West))?\s+(?=(?!East\b|West\b)[A-Z])|\b(East|West)\s+(?=[A-Z])/g;

/**
 * The short name with county names abbreviated and compass words as initials ("Bedfordshire, Luton and Milton
 * Keynes" → "Beds, Luton & Milton Keynes"; "Bath and North East Somerset" → "Bath & NE Somerset").
 */
export function abbreviatedName(name: string): string {
  return shortName(name)
    .replace(COUNTY, (full) => ABBREVIATION.get(full) ?? full)
    .replace(COMPASS, (_, ns: string | undefined, ew2: string | undefined, ew: string | undefined) => `${(ns ?? '')[0] ?? ''}${(ew2 ?? ew ?? '')[0] ?? ''} `);
}

/** The place part of an organisation's name, for combining names. */
const placeOf = (name: string) => trimmed(name);

/**
 * A proposed name for organisations merged into one: their places joined in the order given, wrapped in the
 * first name's prefix and suffix ("NHS Barnsley CCG" + "NHS Doncaster CCG" → "NHS Barnsley and Doncaster CCG").
 * Places already named by another (a repeat) appear once.
 */
export function combinedName(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  const first = names[0].trim();
  const place = placeOf(first);
  const at = first.indexOf(place);
  const prefix = at > 0 ? first.slice(0, at) : '';
  const suffix = at >= 0 ? first.slice(at + place.length) : '';
  const places = [...new Set(names.map(placeOf))];
  const list = places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} and ${places[places.length - 1]}`;
  return `${prefix}${list}${suffix}`;
}
