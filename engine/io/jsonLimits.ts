/**
 * Limits on JSON text, checked before `JSON.parse` by one linear scan (no recursion, so no nesting can blow the
 * stack, and the recursive syntax-error finder in jsonError.ts only ever sees shallow text):
 * - depth: at most 64 nested arrays/objects. A scenario is 4 deep, a GeoJSON FeatureCollection of MultiPolygons 7;
 * - size, in UTF-16 code units (characters): 64 Mi for a file (our units GeoJSON export is about 0.25 M;
 *   generalised ONS boundaries are a few M), 16 Mi for a scenario's JSON text (share links, saved scenarios;
 *   a CCG scenario is about 33 k pretty-printed). A front end inflating a share link should stop at
 *   `maxScenarioChars` and hand the text to `parseScenarioText` / `parseScenarioJson` (validate.ts).
 */

export const JSON_LIMITS = {
  maxDepth: 64,
  maxFileChars: 64 * 1024 * 1024,
  maxScenarioChars: 16 * 1024 * 1024,
} as const;

export interface JsonLimitProblem {
  /** 1-based, where the text goes too deep; absent for the size. */
  line?: number;
  column?: number;
  message: string;
}

/** "12.3 MB" style, for messages about sizes in characters (≈ bytes for JSON, which is mostly ASCII). */
function size(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

/** The first limit `text` breaks, or null. Strings are skipped (brackets inside them do not count). */
export function jsonLimitProblem(text: string, maxChars: number, maxDepth: number = JSON_LIMITS.maxDepth): JsonLimitProblem | null {
  if (text.length > maxChars) return { message: `the JSON is ${size(text.length)}, more than the ${size(maxChars)} it may be` };
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string; an unterminated one ends the scan (the parser will report it).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
        else if (d === 0x0a) {
          line++;
          lineStart = i + 1;
        }
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return { line, column: i - lineStart + 1, message: `nested more than ${maxDepth} levels deep` };
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}
