/**
 * The first JSON syntax error in `text`, with its character offset, or undefined for valid JSON.
 * Scenario files named *.json are checked with this before they are read as YAML (of which JSON
 * is a subset): YAML would accept a trailing comma or single quotes, and would read a `//`
 * comment or `NaN` as text, so the problem would surface later as a confusing schema error.
 * (`JSON.parse` on Node 20 does not say where its errors are.) Recursive; the caller bounds the
 * nesting depth first.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string, at = i) => {
    throw new JsonSyntax(message, at);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const describe = (): string => {
    if (i >= text.length) return "the end of the file";
    const ch = text[i]!;
    if (ch === "/") return "a comment (JSON has no comments)";
    if (ch === "'") return "a single quote (JSON strings use double quotes)";
    if (ch === '"') return "a string";
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 40))?.[0];
    if (word === "NaN" || word === "Infinity")
      return `${word} (not a JSON number; write a finite number)`;
    if (word) return `"${word}" (JSON text is quoted with double quotes)`;
    return JSON.stringify(ch);
  };
  const string = () => {
    const start = i;
    i++;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in string");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`bad escape \\${e ?? ""} in string`);
        continue;
      }
      if (ch === "\n" || ch.charCodeAt(0) < 0x20)
        fail("string not closed before the end of the line", start);
      i++;
    }
    fail("string not closed before the end of the file", start);
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "-") fail(`expected a value, found ${describe()}`);
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") return container("{", "}");
    if (ch === "[") return container("[", "]");
    if (ch === '"') return string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    for (const lit of ["true", "false", "null"]) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(`expected a value, found ${describe()}`);
  };
  const container = (open: string, close: string) => {
    const start = i;
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (open === "{") {
        space();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${describe()}`);
        string();
        space();
        if (text[i] !== ":") fail(`expected ':' after the key, found ${describe()}`);
        i++;
      }
      value();
      space();
      if (text[i] === ",") {
        const comma = i++;
        space();
        if (text[i] === close)
          fail(`a trailing comma before '${close}' (JSON does not allow one)`, comma);
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      if (i >= text.length) fail(`'${open}' opened here is never closed`, start);
      fail(`expected ',' or '${close}', found ${describe()}`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof JsonSyntax) return { offset: err.offset, message: err.message };
    throw err;
  }
}

class JsonSyntax extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}
