import { describe, expect, it } from 'vitest';
import { withArticle } from '../../engine/article.ts';

describe('withArticle', () => {
  it('reads initialisms letter by letter', () => {
    expect(withArticle('CCG')).toBe('a CCG');
    expect(withArticle('LSOA')).toBe('an LSOA');
    expect(withArticle('STP')).toBe('an STP');
    expect(withArticle('ICB')).toBe('an ICB');
    expect(withArticle('CCG part')).toBe('a CCG part');
  });
  it('takes "an" before a vowel sound in a word, "a" before a consonant or a "you" sound', () => {
    expect(withArticle('organisation')).toBe('an organisation');
    expect(withArticle('area')).toBe('an area');
    expect(withArticle('unit')).toBe('a unit');
    expect(withArticle('district')).toBe('a district');
  });
});
