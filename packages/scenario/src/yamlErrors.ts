import type { Document, YAMLError } from "yaml";
import { CST, Parser, isAlias, isNode, isScalar, visit } from "yaml";

/**
 * Most YAML syntax errors reported for one file. After a stray bracket the parser reports every
 * later token (a hundred lines for one mistake); the first few say where to look.
 */
export const MAX_SYNTAX_ERRORS = 5;

/** A problem at a character offset of the text. */
export interface AtOffset {
  readonly message: string;
  readonly offset: number;
}

/**
 * The parser's errors in file order, without repeats, at most `MAX_SYNTAX_ERRORS` of them plus a
 * line saying how many more there are. A quote or flow collection that is never closed is
 * reported by the parser where the file ends; it is reported here where it was opened.
 */
export function syntaxErrors(text: string, errors: readonly YAMLError[]): AtOffset[] {
  const unclosed = errors.some((e) => unclosedKind(e.message)) ? unclosedOpenings(text) : [];
  const seen = new Set<string>();
  const all: AtOffset[] = [];
  for (const e of errors) {
    let message =
      e.code === "MULTIPLE_DOCS"
        ? "a second YAML document starts here (---); a scenario file holds one document"
        : (e.message.split("\n")[0] ?? "YAML syntax error");
    let offset = e.pos[0];
    const kind = unclosedKind(message);
    const opening = kind
      ? unclosed.filter((o) => o.kind === kind && o.offset < offset).at(-1)
      : undefined;
    if (opening) {
      offset = opening.offset;
      message += " (it is opened here and never closed)";
    }
    const key = `${offset}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push({ message, offset });
  }
  all.sort((a, b) => a.offset - b.offset);
  if (all.length <= MAX_SYNTAX_ERRORS) return all;
  const rest = all.length - MAX_SYNTAX_ERRORS;
  return [
    ...all.slice(0, MAX_SYNTAX_ERRORS),
    {
      message: `and ${rest} more YAML syntax error${rest === 1 ? "" : "s"} from here on (often consequences of the first; fix it and validate again)`,
      offset: all[MAX_SYNTAX_ERRORS]!.offset,
    },
  ];
}

type Opening = "'" | '"' | "{" | "[";

function unclosedKind(message: string): Opening | undefined {
  if (/^Missing closing 'quote/.test(message)) return "'";
  if (/^Missing closing "quote/.test(message)) return '"';
  if (/^Flow map .*end with a \}/.test(message)) return "{";
  if (/^Flow sequence .*end with a \]/.test(message)) return "[";
  return undefined;
}

/** Quoted scalars and flow collections that are opened but not closed, from the parser's tokens. */
function unclosedOpenings(text: string): { kind: Opening; offset: number }[] {
  const out: { kind: Opening; offset: number }[] = [];
  const check = (t: CST.Token | undefined) => {
    if (!t) return;
    if (t.type === "single-quoted-scalar" || t.type === "double-quoted-scalar") {
      const q = t.type === "single-quoted-scalar" ? "'" : '"';
      if (t.source.length < 2 || !t.source.endsWith(q)) out.push({ kind: q, offset: t.offset });
    } else if (t.type === "flow-collection") {
      const open = t.start.source === "{" ? "{" : "[";
      const close = open === "{" ? "flow-map-end" : "flow-seq-end";
      if (!t.end.some((e) => e.type === close)) out.push({ kind: open, offset: t.offset });
    }
  };
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document") continue;
    check(token.value);
    CST.visit(token, (item) => {
      check(item.key ?? undefined);
      check(item.value);
    });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * The first alias that cannot be expanded: one naming no anchor defined before it, or one inside
 * the very node it refers to (a cycle, which would expand forever). Mirrors how the parser
 * resolves an alias: to the last node before it with that anchor, in document order.
 */
export function aliasProblem(doc: Document): (AtOffset & { code: string }) | undefined {
  const anchors = new Map<string, unknown>();
  let problem: (AtOffset & { code: string }) | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        const offset = node.range?.[0] ?? 0;
        if (target === undefined) {
          problem = {
            code: "yaml_alias",
            offset,
            message: `the alias *${node.source} names no anchor: define &${node.source} before it`,
          };
        } else if (path.includes(target as never)) {
          problem = {
            code: "yaml_alias",
            offset,
            message: `the alias *${node.source} is inside the node it refers to, so it would repeat forever`,
          };
        }
        if (problem) return visit.BREAK;
      } else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return problem;
}

/** Offset of the first alias in the document (where an alias bomb starts), or 0. */
export function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Keys repeated within one mapping, each at the repeat, in one pass with a set per mapping (the
 * parser's own `uniqueKeys` check compares every key with every earlier one: hours for a
 * mapping of a few hundred thousand keys). Scalar keys compare by type and value, as the
 * parser's do.
 */
export function duplicateKeys(doc: Document): AtOffset[] {
  const out: AtOffset[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const k = pair.key;
        if (!isScalar(k)) continue;
        const id = `${typeof k.value}:${String(k.value)}`;
        const first = seen.get(id);
        const offset = k.range?.[0] ?? 0;
        if (first === undefined) seen.set(id, offset);
        else
          out.push({
            offset,
            message: `the key ${JSON.stringify(String(k.value)).slice(0, 60)} is repeated in this mapping; map keys must be unique`,
          });
      }
    },
  });
  return out;
}
