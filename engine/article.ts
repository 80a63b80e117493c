/**
 * "a CCG", "an LSOA", "a CCG part": the indefinite article before a unit's noun, as it is said. An initialism is
 * read letter by letter, so it takes "an" when its first letter's name starts with a vowel sound (an LSOA, an NHS
 * trust, an STP); a word takes "an" before a vowel, except where the "u" is said "you" (a unit).
 */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');

export function withArticle(noun: string): string {
  const initialism = /^[A-Z]{2}/.test(noun);
  const an = initialism ? VOWEL_SOUND_LETTERS.has(noun[0]) : /^[aeio]|^u(?!ni|s[eu])/i.test(noun);
  return `${an ? 'an' : 'a'} ${noun}`;
}
