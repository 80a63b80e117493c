// Notices are a line, not a document (issue 10): at most 300 characters, long values cut, whatever the input.
import { describe, expect, it } from 'vitest';
import { MAX_NOTICE, shortenMessage } from '../../web/panels/notices.ts';

describe('notice text', () => {
  it('keeps a short message as it is', () => {
    expect(shortenMessage('Import refused, nothing changed: plan.csv: line 2: unknown CCG E38999999')).toBe('Import refused, nothing changed: plan.csv: line 2: unknown CCG E38999999');
  });

  it('cuts a 200,112-character message to at most 300 characters, keeping its start and the words around a long value', () => {
    const long = `Could not open the scenario: schema: "${'x'.repeat(200_000)}" is not a Footprints scenario schema${' and more'.repeat(8)}`;
    expect(long.length).toBeGreaterThan(200_000);
    const shown = shortenMessage(long);
    expect(shown.length).toBeLessThanOrEqual(MAX_NOTICE);
    expect(shown.startsWith('Could not open the scenario: schema: "xxx')).toBe(true);
    expect(shown).toContain('… is not a Footprints scenario schema');
  });

  it('cuts many words to 300 characters with an ellipsis, never half a surrogate pair', () => {
    const shown = shortenMessage('😀 '.repeat(500));
    expect(shown.length).toBeLessThanOrEqual(MAX_NOTICE);
    expect(shown.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(shown)).toBe(false);
  });
});
