/**
 * Where a JSON text stops being JSON, as line and column. `JSON.parse` reports positions differently in every
 * engine (V8 an offset, Firefox a line and column, Safari nothing), so on failure we re-scan the text with this
 * small recogniser (RFC 8259 grammar) to find the first offending character ourselves.
 */

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  offset: number;
  message: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

/** The first syntax error in `text`, or null if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const what = () => (i >= n ? 'end of input' : `${JSON.stringify(text[i])}`);
  const expect = (c: string, context: string) => {
    if (text[i] !== c) throw new Stop(i, `expected '${c}' ${context}, found ${what()}`);
    i++;
  };
  const string = () => {
    expect('"', 'to start a string');
    for (;;) {
      if (i >= n) throw new Stop(i, 'unterminated string');
      const c = text[i];
      if (c === '"') return void i++;
      if (c < ' ') throw new Stop(i, 'control character in string (newlines must be written \\n)');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'bad \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, 'bad escape in string');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw new Stop(i, `unexpected ${what()}`);
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Stop(i, `expected a double-quoted property name, found ${what()}`);
        string();
        ws();
        expect(':', 'after a property name');
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else throw new Stop(i, `expected ',' or '}' after a property value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else throw new Stop(i, `expected ',' or ']' after an array element, found ${what()}`);
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    throw new Stop(i, i >= n ? 'unexpected end of input' : `unexpected ${what()}`);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < n) throw new Stop(i, `unexpected ${what()} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < e.at && k < n; k++) {
      if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: e.at - lineStart + 1, offset: e.at, message: e.message };
  }
}
