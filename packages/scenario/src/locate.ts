import type { Document, LineCounter, Node } from "yaml";
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import type { IssuePath } from "./issues.ts";

/** Finds the YAML node for `path`, falling back to the deepest ancestor that exists. */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: IssuePath,
  key?: string,
): { line: number; col: number } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const part of path) {
    const child = childOf(doc, node, part);
    if (child === undefined) break;
    node = child.value;
    offset = rangeStart(child.keyNode ?? child.value) ?? offset;
    const valueStart = rangeStart(child.value);
    if (valueStart !== undefined) offset = valueStart;
  }
  if (key !== undefined) {
    const child = childOf(doc, node, key);
    const at = child ? rangeStart(child.keyNode) : undefined;
    if (at !== undefined) offset = at;
  }
  const pos = lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const r = (node as Node).range;
    if (r) return r[0];
  }
  return undefined;
}

const keyIndex = new WeakMap<object, Map<string, { keyNode: unknown; value: unknown }>>();

function childOf(
  doc: Document,
  node: unknown,
  part: string | number,
): { keyNode?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    // Indexed once per mapping: a file with many issues in one large mapping stays linear.
    let index = keyIndex.get(node);
    if (!index) {
      index = new Map();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        // A key may be an alias of a scalar (`*name: value`): compare what it stands for.
        const key = isAlias(item.key) ? item.key.resolve(doc) : item.key;
        const k = String(isScalar(key) ? key.value : key);
        if (!index.has(k)) index.set(k, { keyNode: item.key, value: item.value });
      }
      keyIndex.set(node, index);
    }
    return index.get(String(part));
  }
  if (isSeq(node) && typeof part === "number") {
    const item = node.items[part];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}
