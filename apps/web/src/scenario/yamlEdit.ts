// Form edits written into the YAML text as surgical text replacements, so that the form and the
// YAML editor stay in sync without reformatting the file: comments, flow maps, key order and
// blank lines are kept, and only the edited number changes.
import type { Node, Pair, YAMLMap } from "yaml";
import { isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import type { IssuePath } from "@stratbal/scenario";

/** What the YAML text holds at a parameter's place. */
export type RawValue =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "distribution"; readonly text: string }
  | { readonly kind: "missing" }
  | { readonly kind: "other"; readonly text: string };

/** Thrown when a value cannot be written because the YAML does not parse. */
export class YamlEditError extends Error {
  readonly code = "yaml_not_editable";
}

/**
 * A number as the form writes it into YAML: whole numbers as integers, others with float noise
 * from slider arithmetic removed (0.30000000000000004 → 0.3).
 * @example formatNumber(0.1 + 0.2) // "0.3"
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error("not a finite number");
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

function parse(text: string) {
  const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new YamlEditError(
      `the YAML has a syntax error: ${doc.errors[0]!.message.split("\n")[0]}`,
    );
  }
  return doc;
}

function child(node: unknown, part: string | number): { pair?: Pair; value: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (String(k) === String(part)) return { pair: item, value: item.value };
    }
    return undefined;
  }
  if (isSeq(node) && typeof part === "number") {
    const v = node.items[part];
    return v === undefined ? undefined : { value: v };
  }
  return undefined;
}

const DISTRIBUTION_KEYS = ["beta", "uniform", "triangular", "normal90"];

/** The value at `at` in the YAML text, as the form shows it. */
export function rawValueAt(text: string, at: IssuePath): RawValue {
  return rawValues(text, [at])[0]!;
}

/**
 * The values at several places, parsing the text once (the form asks for every field on every
 * edit). All `missing` when the YAML does not parse.
 */
export function rawValues(text: string, ats: readonly IssuePath[]): RawValue[] {
  let doc;
  try {
    doc = parse(text);
  } catch {
    return ats.map(() => ({ kind: "missing" }));
  }
  return ats.map((at) => {
    let node: unknown = doc.contents;
    for (const part of at) {
      const c = child(node, part);
      if (!c) return { kind: "missing" };
      node = c.value;
    }
    return describe(text, node);
  });
}

function describe(text: string, node: unknown): RawValue {
  if (node === null || node === undefined) return { kind: "missing" };
  if (isScalar(node)) {
    if (typeof node.value === "number") return { kind: "number", value: node.value };
    return { kind: "other", text: sourceOf(text, node) };
  }
  if (isMap(node)) {
    const v = child(node, "value");
    if (v) return describe(text, v.value);
    if (DISTRIBUTION_KEYS.some((k) => child(node, k))) {
      return { kind: "distribution", text: sourceOf(text, node as Node) };
    }
  }
  return { kind: "other", text: sourceOf(text, node as Node) };
}

function sourceOf(text: string, node: Node): string {
  const r = node.range;
  return r ? text.slice(r[0], r[1]).trim() : "";
}

function plainKey(k: string | number): string {
  const s = String(k);
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? s : JSON.stringify(s);
}

/**
 * The YAML text with the parameter at `at` set to `value`, every other byte unchanged.
 * - A plain number is replaced in place; in `{ value: x, source: s }` only `x` changes.
 * - A distribution is replaced by `{ value: x }` keeping its `source` (the same rule as
 *   `withParams`: a fixed value drops the distribution).
 * - A parameter the file leaves out (a default) is added to the deepest existing mapping on its
 *   path: `, key: x` in a flow mapping, a new line at the mapping's indentation in a block one.
 * Throws `YamlEditError` when the YAML does not parse, or the place cannot hold a value.
 */
export function setValueInYaml(text: string, at: IssuePath, value: number): string {
  const num = formatNumber(value);
  const doc = parse(text);
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (let i = 0; i < at.length; i++) {
    const c = child(node, at[i]!);
    if (!c || c.value === null || c.value === undefined) {
      if (!isMap(node)) {
        throw new YamlEditError(`cannot add ${String(at[i])}: its parent is not a mapping`);
      }
      if (c?.pair) {
        // `key:` with no value: write the value after the key.
        return replaceNullValue(text, c.pair, nested(at.slice(i + 1), num));
      }
      return insertPair(text, node, at[i]!, nested(at.slice(i + 1), num));
    }
    node = c.value;
    pair = c.pair;
  }
  return replaceValue(text, node, num, pair);
}

/** `{ a: { b: 3 } }`-style text for the remaining path below an insertion point. */
function nested(rest: IssuePath, num: string): string {
  let out = num;
  for (let i = rest.length - 1; i >= 0; i--) out = `{ ${plainKey(rest[i]!)}: ${out} }`;
  return out;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function replaceValue(text: string, node: unknown, num: string, pair?: Pair): string {
  if (isScalar(node)) {
    const r = node.range;
    if (!r) throw new YamlEditError("the value has no place in the text");
    // `key:` with an empty value: the value goes after a space.
    const empty = r[0] === r[1] && node.value === null;
    return splice(text, r[0], r[1], empty ? ` ${num}` : num);
  }
  if (isMap(node)) {
    const v = child(node, "value");
    if (v && isScalar(v.value)) return replaceValue(text, v.value, num, v.pair);
    const r = node.range;
    if (!r) throw new YamlEditError("the value has no place in the text");
    const src = child(node, "source");
    const source = src && isScalar(src.value) ? `, source: ${sourceOf(text, src.value)}` : "";
    const replacement = `{ value: ${num}${source} }`;
    if (node.flow) return splice(text, r[0], r[1], replacement);
    // A block mapping starts on the line after its key: write the flow mapping after the key's
    // colon, and keep the line break that ends the block.
    const keyEnd = (pair?.key as Node | null | undefined)?.range?.[1];
    const colon = keyEnd === undefined ? -1 : text.indexOf(":", keyEnd);
    const start = colon >= 0 && colon < r[0] ? colon + 1 : r[0];
    return splice(
      text,
      start,
      trimEndPos(text, r[0], r[1]),
      `${start === r[0] ? "" : " "}${replacement}`,
    );
  }
  throw new YamlEditError("the value there is not a number");
}

function trimEndPos(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function replaceNullValue(text: string, pair: Pair, value: string): string {
  const k = pair.key as Node | null;
  const kr = k?.range;
  if (!kr) throw new YamlEditError("the key has no place in the text");
  // After `key` comes `:`; write ` value` right after it.
  const colon = text.indexOf(":", kr[1]);
  if (colon < 0) throw new YamlEditError("cannot find the key's colon");
  return splice(text, colon + 1, colon + 1, ` ${value}`);
}

function insertPair(text: string, map: YAMLMap, key: string | number, value: string): string {
  const entry = `${plainKey(key)}: ${value}`;
  const r = map.range;
  if (!r) throw new YamlEditError("the mapping has no place in the text");
  const pairs = map.items.filter(isPair);
  if (map.flow) {
    const last = pairs.at(-1);
    const lastEnd = last ? ((last.value as Node | null)?.range?.[1] ?? null) : null;
    if (last && lastEnd !== null) return splice(text, lastEnd, lastEnd, `, ${entry}`);
    // Empty flow mapping `{}`: write inside the braces.
    const open = text.indexOf("{", r[0]);
    return splice(text, open + 1, open + 1, ` ${entry} `);
  }
  const first = pairs[0];
  const firstKey = first?.key as Node | null | undefined;
  if (!first || !firstKey?.range) throw new YamlEditError("cannot add to an empty block mapping");
  const lineStart = text.lastIndexOf("\n", firstKey.range[0] - 1) + 1;
  const indent = text.slice(lineStart, firstKey.range[0]);
  // A mapping that is an item of a block sequence starts after "- ": indent with spaces.
  const pad = indent.replace(/[^ \t]/g, " ");
  const last = pairs.at(-1)!;
  const lastNode = (last.value as Node | null) ?? (last.key as Node | null);
  const lastEnd = lastNode?.range?.[1] ?? r[1];
  const nl = text.indexOf("\n", Math.max(lastEnd - 1, 0));
  if (nl < 0) return `${text}\n${pad}${entry}\n`;
  return splice(text, nl + 1, nl + 1, `${pad}${entry}\n`);
}
