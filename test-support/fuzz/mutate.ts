import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse } from "yaml";
import type { Json, JsonObject, TextFormat } from "./scenarios.ts";
import { textFormat, toText, validScenario } from "./scenarios.ts";

// Mutations of valid scenarios for the fuzz tests (docs/fuzzing.md). A structural mutation
// changes the document (delete or rename a key, change a type, an out-of-range or non-finite
// number, a duplicate id, a list swapped with a map, prototype keys); a text mutation changes
// the file itself (garbage inserted, truncated, lines moved). Each says whether the result must
// be refused and where (`focus`): an issue must name that place, an enclosing one or one inside.

export type Path = readonly (string | number)[];

export interface Mutant {
  readonly text: string;
  /** What was done, for the failure message. */
  readonly what: string;
  /** True when the result is certainly not a valid scenario. */
  readonly mustReject: boolean;
  /** Places one of the issues must be about (any one of them). */
  readonly focus: readonly Path[];
}

// --- the valid documents mutations start from --------------------------------------------------

const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** The shipped scenarios as documents, by file name. */
export const shippedScenarios: readonly { name: string; text: string; doc: JsonObject }[] =
  readdirSync(scenariosDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const text = readFileSync(scenariosDir + name, "utf8");
      return { name, text, doc: parse(text) as JsonObject };
    });

/** A valid document: generated, or one of the shipped scenarios (with its original text). */
export const baseDocument: fc.Arbitrary<{ doc: JsonObject; text?: string; from: string }> =
  fc.oneof(
    { weight: 3, arbitrary: validScenario.map((g) => ({ doc: g.doc, from: "generated" })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...shippedScenarios).map((s) => ({
        doc: s.doc,
        text: s.text,
        from: `scenarios/${s.name}`,
      })),
    },
  );

// --- walking documents ------------------------------------------------------------------------

interface Node {
  readonly path: Path;
  readonly value: Json;
}

/** Every node of a document, the root first, in document order. */
export function nodesOf(doc: Json): Node[] {
  const out: Node[] = [];
  const visit = (v: Json, path: Path) => {
    out.push({ path, value: v });
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
  };
  visit(doc, []);
  return out;
}

const clone = (doc: JsonObject): JsonObject => structuredClone(doc);

function at(doc: Json, path: Path): Json {
  let v: Json = doc;
  for (const p of path) v = (v as Record<string | number, Json>)[p]!;
  return v;
}

/** Replaces the node at a non-empty path (in place). */
function put(doc: Json, path: Path, value: Json): void {
  const parent = at(doc, path.slice(0, -1)) as Record<string | number, Json>;
  Object.defineProperty(parent, path.at(-1)!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const isObject = (v: Json): v is JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Objects whose keys are data (ids), not field names: any key is allowed there. */
function isRecord(path: Path): boolean {
  const last = path.at(-1);
  return (
    (path.length === 1 && last === "sources") ||
    last === "coverage" ||
    last === "thresholds" ||
    last === "launcher" ||
    (path.length === 2 && path[0] === "race" && last === "sides")
  );
}

const DIST_KEYS = ["value", "beta", "uniform", "triangular", "normal90"];
const isParamObject = (v: Json) => isObject(v) && DIST_KEYS.some((k) => k in v);

/** Keys an object at `path` cannot do without (beyond what the schema checks elsewhere). */
function requiredKeys(path: Path, v: JsonObject): readonly string[] {
  const p = path.map((x) => (typeof x === "number" ? "#" : x)).join("/");
  if (isParamObject(v) && !isRecord(path)) return DIST_KEYS.filter((k) => k in v);
  switch (p) {
    case "":
      return ["schemaVersion", "title", "asOf", "sources", "sides"];
    case "sides/#":
      return ["id", "name", "w80", "forces"];
    case "sides/#/forces/#":
      return ["id", "basing", "launchers", "warheadsPerLauncher", "reliability", "survivable"];
    case "sides/#/defenses/#":
      return ["id", "layers"];
    case "sides/#/defenses/#/layers/#":
      return ["id", "phase", "interceptors", "sspk"];
    case "sides/#/promptStrike/#":
      return ["id", "weapons", "pk"];
    case "uncertainty/correlations/#":
      return ["between", "rank"];
    default:
      if (path.length === 2 && path[0] === "sources") return ["citation"];
      if (path.at(-1) === "beta") return ["successes", "trials"];
      return [];
  }
}

/** Numbers that may be negative: Richardson grievances and starting armaments. */
const signed = (path: Path) => path.includes("richardson");

// --- structural mutations ---------------------------------------------------------------------

const PROTO_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "isPrototypeOf",
] as const;

type Structural =
  | "delete"
  | "retype"
  | "range"
  | "nonFinite"
  | "huge"
  | "rename"
  | "duplicateId"
  | "swap"
  | "insertKey"
  | "reservedId"
  | "protoSource"
  | "protoKey";

interface StructuralDraw {
  readonly kind: Structural;
  readonly pick: number;
  readonly pick2: number;
  readonly choice: number;
}

const structuralDraw: fc.Arbitrary<StructuralDraw> = fc.record({
  kind: fc.constantFrom<Structural>(
    "delete",
    "retype",
    "range",
    "nonFinite",
    "huge",
    "rename",
    "duplicateId",
    "swap",
    "insertKey",
    "reservedId",
    "protoSource",
    "protoKey",
  ),
  pick: fc.nat(),
  pick2: fc.nat(),
  choice: fc.nat(),
});

const pathText = (p: Path) => (p.length === 0 ? "(document)" : p.join("."));

interface Applied {
  readonly doc: Json;
  readonly what: string;
  readonly mustReject: boolean;
  readonly focus: readonly Path[];
}

/** Applies one structural mutation; falls back to inserting an unknown key when none fits. */
export function applyStructural(base: JsonObject, d: StructuralDraw): Applied {
  const doc = clone(base);
  const nodes = nodesOf(doc);
  const pickFrom = <T>(xs: readonly T[], n = d.pick): T | undefined =>
    xs.length === 0 ? undefined : xs[n % xs.length];
  const choose = <T>(xs: readonly T[]): T => xs[d.choice % xs.length]!;
  const numbers = nodes.filter((n) => typeof n.value === "number");
  const scalars = nodes.filter(
    (n) => n.path.length > 0 && (n.value === null || typeof n.value !== "object"),
  );
  const objects = nodes.filter((n) => isObject(n.value));

  switch (d.kind) {
    case "delete": {
      const n = pickFrom(nodes.filter((x) => x.path.length > 0));
      if (!n) break;
      const parentPath = n.path.slice(0, -1);
      const parent = at(doc, parentPath);
      const key = n.path.at(-1)!;
      let mustReject: boolean;
      if (Array.isArray(parent)) {
        parent.splice(key as number, 1);
        const owner = parentPath.at(-1);
        mustReject =
          (parentPath.length === 1 && owner === "sides") ||
          ["uniform", "triangular", "normal90", "between", "shots"].includes(String(owner)) ||
          (owner === "layers" && parent.length === 0);
      } else {
        mustReject = requiredKeys(parentPath, parent as JsonObject).includes(String(key));
        delete (parent as JsonObject)[key];
      }
      return {
        doc,
        what: `delete ${pathText(n.path)}`,
        mustReject,
        focus: [parentPath],
      };
    }
    case "retype": {
      const n = pickFrom(scalars);
      if (!n) break;
      const replacement: Json =
        typeof n.value === "number"
          ? choose<Json>(["abc", String(n.value), true, null, [], {}])
          : typeof n.value === "string"
            ? choose<Json>([42, true, null, [], { nested: "x" }])
            : choose<Json>(["true", 1, [], { nested: "x" }]);
      put(doc, n.path, replacement);
      return {
        doc,
        what: `retype ${pathText(n.path)} to ${JSON.stringify(replacement)}`,
        // A null may stand for "absent" nowhere in the format; every replacement is a new type.
        mustReject: true,
        focus: [n.path],
      };
    }
    case "range": {
      const n = pickFrom(numbers.filter((x) => !signed(x.path)));
      if (!n) break;
      const v = choose([-5, -1e300]);
      put(doc, n.path, v);
      return { doc, what: `set ${pathText(n.path)} to ${v}`, mustReject: true, focus: [n.path] };
    }
    case "nonFinite": {
      const n = pickFrom(numbers);
      if (!n) break;
      const v = choose([NaN, Infinity, -Infinity]);
      put(doc, n.path, v);
      return { doc, what: `set ${pathText(n.path)} to ${v}`, mustReject: true, focus: [n.path] };
    }
    case "huge": {
      // Valid for some fields (w80, costs, alpha): then the analysis must still be finite.
      const n = pickFrom(numbers);
      if (!n) break;
      const v = choose([1e300, Number.MAX_VALUE, 1e7, 4.2, 2 ** 53 + 1]);
      put(doc, n.path, v);
      return { doc, what: `set ${pathText(n.path)} to ${v}`, mustReject: false, focus: [n.path] };
    }
    case "rename": {
      const keyed = nodes.filter((n) => n.path.length > 0 && typeof n.path.at(-1) === "string");
      const n = pickFrom(keyed);
      if (!n) break;
      const parentPath = n.path.slice(0, -1);
      const parent = at(doc, parentPath) as JsonObject;
      const key = n.path.at(-1) as string;
      const to = choose([`${key}_x`, key.toUpperCase() === key ? `${key}x` : key.toUpperCase()]);
      const renamed: JsonObject = {};
      for (const [k, v] of Object.entries(parent)) renamed[k === key ? to : k] = v;
      if (parentPath.length === 0) {
        for (const k of Object.keys(doc)) delete doc[k];
        Object.assign(doc, renamed);
      } else put(doc, parentPath, renamed);
      return {
        doc,
        what: `rename ${pathText(n.path)} to ${to}`,
        mustReject: !isRecord(parentPath),
        focus: [parentPath],
      };
    }
    case "duplicateId": {
      const kinds = ["sides", "forces", "defenses", "layers", "promptStrike"];
      const withId = nodes.filter(
        (n) =>
          isObject(n.value) &&
          typeof n.value["id"] === "string" &&
          typeof n.path.at(-1) === "number" &&
          kinds.includes(String(n.path.at(-2))) &&
          (n.path.at(-2) !== "sides" || n.path.length === 2),
      );
      const n = pickFrom(withId);
      if (!n) break;
      const kind = n.path.at(-2);
      const sameKind = withId.filter((x) => x.path.at(-2) === kind && x !== n);
      const other = pickFrom(sameKind, d.pick2);
      const id = (n.value as JsonObject)["id"]!;
      if (other) {
        put(doc, [...other.path, "id"], id);
        return {
          doc,
          what: `give ${pathText(other.path)} the id ${JSON.stringify(id)} of ${pathText(n.path)}`,
          mustReject: true,
          focus: [
            [...other.path, "id"],
            [...n.path, "id"],
          ],
        };
      }
      const list = at(doc, n.path.slice(0, -1)) as Json[];
      list.push(structuredClone(n.value));
      return {
        doc,
        what: `copy ${pathText(n.path)} (same id) to the end of its list`,
        mustReject: true,
        focus: [n.path.slice(0, -1)],
      };
    }
    case "swap": {
      const n = pickFrom(nodes.filter((x) => x.value !== null && typeof x.value === "object"));
      if (!n) break;
      const v = n.value as Json[] | JsonObject;
      const swapped: Json = Array.isArray(v)
        ? Object.fromEntries(v.map((x, i) => [String(i), x]))
        : Object.values(v);
      if (n.path.length === 0) {
        return {
          doc: swapped,
          what: "swap the document's map for a list",
          mustReject: true,
          focus: [[]],
        };
      }
      put(doc, n.path, swapped);
      return {
        doc,
        what: `swap ${pathText(n.path)} (${Array.isArray(v) ? "list" : "map"})`,
        mustReject: true,
        focus: [n.path],
      };
    }
    case "insertKey":
    case "protoKey": {
      const n = pickFrom(objects);
      if (!n) break;
      const key =
        d.kind === "protoKey" ? choose(PROTO_KEYS) : choose(["zz_unknown", "Id", "note_", "x"]);
      const target = n.value as JsonObject;
      if (Object.prototype.hasOwnProperty.call(target, key)) break;
      Object.defineProperty(target, key, {
        value: { polluted: true },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return {
        doc,
        what: `add ${key}: {polluted: true} to ${pathText(n.path)}`,
        mustReject: true,
        focus: [n.path],
      };
    }
    case "reservedId": {
      const n = pickFrom(
        nodes.filter((x) => x.path.at(-1) === "id" && typeof x.value === "string"),
      );
      if (!n) break;
      // Names Object.prototype has ("prototype" itself is a fine id).
      const id = choose(PROTO_KEYS.filter((k) => k !== "prototype"));
      put(doc, n.path, id);
      return { doc, what: `set ${pathText(n.path)} to ${id}`, mustReject: true, focus: [n.path] };
    }
    case "protoSource": {
      const sources = isObject(doc["sources"] ?? null) ? (doc["sources"] as JsonObject) : {};
      const id = choose(PROTO_KEYS);
      if (Object.prototype.hasOwnProperty.call(sources, id)) break;
      const refs = nodes.filter(
        (x) => x.path.at(-1) === "source" && typeof x.value === "string" && x.path[0] !== "sources",
      );
      const n = pickFrom(refs);
      const where: Path = n ? n.path : ["sides", 0, "source"];
      if (!n && !Array.isArray(doc["sides"])) break;
      put(doc, where, id);
      return {
        doc,
        what: `cite the source ${id} (not in sources) at ${pathText(where)}`,
        mustReject: true,
        focus: [where],
      };
    }
    default:
      return d.kind satisfies never;
  }
  // Nothing of the kind in this document: an unknown key at the top is always refused.
  doc["zz_unknown"] = 1;
  return { doc, what: "add zz_unknown: 1 at the top", mustReject: true, focus: [[]] };
}

// --- text mutations ---------------------------------------------------------------------------

type TextKind = "insert" | "truncate" | "dropLine" | "duplicateLine" | "swapLines" | "indent";

const GARBAGE = [
  ": ",
  "- ",
  "\t",
  "{",
  "}]",
  "[",
  "'",
  '"',
  "&a ",
  "*a",
  "*nope",
  "!!binary ",
  "!custom ",
  "? ",
  "%YAML 1.2\n---\n",
  "\n---\n",
  "\n...\n",
  "\ufeff",
  "\u0000",
  "\r",
  "\r\n",
  "#",
  "|\n",
  ">-\n",
  "<<: *a\n",
  "\\",
  "\u2028",
  "0x",
  ".nan",
  "-.inf",
  "~",
  "@",
  "`",
];

interface TextDraw {
  readonly kind: TextKind;
  readonly at: number;
  readonly at2: number;
  readonly junk: string;
}

const textDraw: fc.Arbitrary<TextDraw> = fc.record({
  kind: fc.constantFrom<TextKind>(
    "insert",
    "insert",
    "truncate",
    "dropLine",
    "duplicateLine",
    "swapLines",
    "indent",
  ),
  at: fc.nat(),
  at2: fc.nat(),
  junk: fc.oneof(
    fc.constantFrom(...GARBAGE),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.string({ minLength: 1, maxLength: 6, unit: "binary" }),
  ),
});

/** Applies one text mutation (the result may happen to be valid). */
export function applyText(text: string, d: TextDraw): { text: string; what: string } {
  const lines = text.split("\n");
  const line = d.at % Math.max(1, lines.length);
  switch (d.kind) {
    case "insert": {
      const i = d.at % (text.length + 1);
      return {
        text: text.slice(0, i) + d.junk + text.slice(i),
        what: `insert ${JSON.stringify(d.junk)} at offset ${i}`,
      };
    }
    case "truncate": {
      const i = d.at % (text.length + 1);
      return { text: text.slice(0, i), what: `truncate at offset ${i} of ${text.length}` };
    }
    case "dropLine":
      lines.splice(line, 1);
      return { text: lines.join("\n"), what: `drop line ${line + 1}` };
    case "duplicateLine":
      lines.splice(line, 0, lines[line] ?? "");
      return { text: lines.join("\n"), what: `duplicate line ${line + 1}` };
    case "swapLines": {
      const other = d.at2 % Math.max(1, lines.length);
      [lines[line], lines[other]] = [lines[other] ?? "", lines[line] ?? ""];
      return { text: lines.join("\n"), what: `swap lines ${line + 1} and ${other + 1}` };
    }
    case "indent":
      lines[line] = " ".repeat(1 + (d.at2 % 5)) + (lines[line] ?? "");
      return { text: lines.join("\n"), what: `indent line ${line + 1}` };
    default:
      return d.kind satisfies never;
  }
}

// --- mutants ----------------------------------------------------------------------------------

/** Writes a mutated document (YAML keeps NaN and Infinity; JSON turns them into null). */
function write(doc: Json, format: TextFormat): string {
  return toText(doc, format);
}

/** A mutated valid scenario: structural or textual, over generated and shipped documents. */
export const mutant: fc.Arbitrary<Mutant & { from: string }> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(baseDocument, structuralDraw, textFormat).map(([base, d, format]) => {
      const a = applyStructural(base.doc, d);
      return {
        text: write(a.doc, format),
        what: `${a.what} (${format})`,
        mustReject: a.mustReject,
        focus: a.focus,
        from: base.from,
      };
    }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(baseDocument, textFormat, textDraw).map(([base, format, d]) => {
      const original = base.text ?? write(base.doc, format);
      const t = applyText(original, d);
      return { text: t.text, what: t.what, mustReject: false, focus: [], from: base.from };
    }),
  },
);
