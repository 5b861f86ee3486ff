import { z } from "zod";
import type { IssuePath } from "./issues.ts";
import { suggest } from "./issues.ts";
import type { Domain } from "./param.ts";
import { describeDomain } from "./param.ts";

/** A schema-level problem before it is located in the file. */
export interface RawIssue {
  readonly code: string;
  readonly path: IssuePath;
  readonly message: string;
  /** When the problem is a key (unknown key), the key, so the location points at it. */
  readonly key?: string;
}

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** The value found at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: IssuePath): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** Short, quoted rendering of a user's value for messages. */
export function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 37) + "…" : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return "an object";
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "string":
      return "text";
    case "boolean":
      return "true or false";
    case "object":
      return "a mapping (key: value)";
    case "array":
      return "a list";
    case "record":
      return "a mapping (key: value)";
    case "tuple":
      return "a list";
    default:
      return expected;
  }
}

/** Walks a zod schema along a data path, unwrapping optionals, pipes and arrays. */
export function schemaAt(root: AnySchema, path: IssuePath): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  for (const part of path) {
    s = unwrap(s);
    if (!s) return undefined;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") {
      // Own keys only: a user's key such as "toString" must not find Object.prototype's.
      const shape = def["shape"] as Record<string, AnySchema>;
      s = Object.hasOwn(shape, String(part)) ? shape[String(part)] : undefined;
    } else if (def.type === "array") s = def["element"] as AnySchema;
    else if (def.type === "record") s = def["valueType"] as AnySchema;
    else if (def.type === "tuple") s = (def["items"] as AnySchema[])[Number(part)];
    else if (def.type === "union") {
      const options = def["options"] as AnySchema[];
      s = options.map((o) => schemaAt(o, [part])).find((x) => x !== undefined);
    } else return undefined;
  }
  return s;
}

function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    const def = cur._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "optional" || def.type === "default" || def.type === "nullable")
      cur = def["innerType"] as AnySchema;
    else if (def.type === "pipe") cur = def["in"] as AnySchema;
    else return cur;
  }
  return cur;
}

/** The parameter domain declared at `path`, when the field is a numeric parameter. */
export function domainAt(root: AnySchema, path: IssuePath): Domain | undefined {
  return domainOf(schemaAt(root, path));
}

function domainOf(schema: AnySchema | undefined): Domain | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s; i++) {
    const meta = z.globalRegistry.get(s) as { stratbalDomain?: Domain } | undefined;
    if (meta?.stratbalDomain) return meta.stratbalDomain;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "optional" || def.type === "default") s = def["innerType"] as AnySchema;
    else if (def.type === "union") {
      // A union that offers a parameter (e.g. coverage: one share, or a map of shares).
      return (def["options"] as AnySchema[]).map(domainOf).find((d) => d !== undefined);
    } else return undefined;
  }
  return undefined;
}

function knownKeys(root: AnySchema, path: IssuePath): string[] {
  const s = unwrap(schemaAt(root, path));
  if (!s) return [];
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "object") return Object.keys(def["shape"] as object);
  if (def.type === "union") {
    const keys = (def["options"] as AnySchema[]).flatMap((o) => {
      const d = unwrap(o)?._zod.def as unknown as
        (Record<string, unknown> & { type: string }) | undefined;
      return d?.type === "object" ? Object.keys(d["shape"] as object) : [];
    });
    return [...new Set(keys)];
  }
  return [];
}

/** Which branch of a parameter union the user meant, judged from the value's shape. */
function paramBranch(value: unknown): number | undefined {
  if (typeof value === "number") return 0;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.includes("value")) return 1;
    if (keys.includes("beta")) return 2;
    if (keys.includes("uniform")) return 3;
    if (keys.includes("triangular")) return 4;
    if (keys.includes("normal90")) return 5;
  }
  return undefined;
}

/** Turns zod's issues into house-style messages with full paths and suggestions. */
export function explainZodIssues(
  root: AnySchema,
  data: unknown,
  issues: readonly ZodIssue[],
  base: IssuePath = [],
): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    const value = valueAt(data, path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeys(root, path).filter((k) => !issue.keys.includes(k));
        for (const key of issue.keys) {
          const hint = suggest(key, known);
          out.push({
            code: "unknown_key",
            path: [...path, key],
            key,
            message:
              `unknown key "${key}"` +
              (hint
                ? ` (did you mean "${hint}"?)`
                : known.length
                  ? ` (expected one of ${known.join(", ")})`
                  : ""),
          });
        }
        break;
      }
      case "invalid_union": {
        const domain = domainAt(root, path);
        const branch = domain ? paramBranch(value) : undefined;
        if (value === undefined) {
          out.push({
            code: "missing_field",
            path,
            message: `is required${domain ? ` (${describeDomain(domain)})` : ""}`,
          });
        } else if (domain && branch !== undefined && issue.errors[branch]) {
          out.push(
            ...explainZodIssues(root, data, issue.errors[branch]!, path).map((i) =>
              withDomain(i, domain, path, data),
            ),
          );
        } else if (domain) {
          out.push({
            code: "invalid_type",
            path,
            message:
              `expected ${describeDomain(domain)}, {value, source}, or a distribution ` +
              `({beta: {successes, trials}}, {uniform: [a, b]}, {triangular: [a, mode, b]}, {normal90: [lo, hi]}); got ${show(value)}`,
          });
        } else {
          // Not a parameter: report the branch with the fewest problems.
          const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
          if (best && best.length > 0) out.push(...explainZodIssues(root, data, best, path));
          else
            out.push({ code: "invalid_value", path, message: `unexpected value ${show(value)}` });
        }
        break;
      }
      case "invalid_type": {
        const domain = domainAt(root, path);
        if (value === undefined) {
          out.push({
            code: "missing_field",
            path,
            message: `is required${domain ? ` (${describeDomain(domain)})` : ""}`,
          });
        } else {
          const expected = domain ? describeDomain(domain) : describeExpected(issue.expected);
          out.push({
            code: "invalid_type",
            path,
            message: `expected ${expected}, got ${show(value)}`,
          });
        }
        break;
      }
      case "too_big":
      case "too_small": {
        const domain =
          domainAt(root, path) ??
          (path.at(-1) === "value" ? domainAt(root, path.slice(0, -1)) : undefined);
        if (typeof value === "number") {
          out.push({
            code: "out_of_range",
            path,
            message: `expected ${domain ? describeDomain(domain) : boundText(issue)}, got ${value}`,
          });
        } else if (Array.isArray(value)) {
          out.push({
            code: "wrong_length",
            path,
            message: `${listBound(issue)}, got ${value.length}`,
          });
        } else if (typeof value === "string") {
          out.push({
            code: "invalid_value",
            path,
            message:
              value.length === 0
                ? "must not be empty"
                : issue.code === "too_big"
                  ? `is too long (at most ${String(issue.maximum)} characters)`
                  : "is too short",
          });
        } else {
          out.push({ code: "invalid_value", path, message: issue.message });
        }
        break;
      }
      case "invalid_value": {
        const values = issue.values.map(String);
        const hint = typeof value === "string" ? suggest(value, values) : undefined;
        out.push({
          code: "invalid_value",
          path,
          message:
            values.length === 1
              ? `expected ${JSON.stringify(issue.values[0])}, got ${show(value)}`
              : `expected one of ${values.join(", ")}; got ${show(value)}` +
                (hint ? ` (did you mean "${hint}"?)` : ""),
        });
        break;
      }
      case "invalid_format":
        out.push({ code: "invalid_format", path, message: `${issue.message}, got ${show(value)}` });
        break;
      case "not_multiple_of":
        out.push({
          code: "out_of_range",
          path,
          message: `expected a whole number, got ${show(value)}`,
        });
        break;
      case "custom": {
        const code =
          (issue.params as { stratbal?: string } | undefined)?.stratbal ?? "invalid_value";
        out.push({ code, path, message: issue.message });
        break;
      }
      default:
        out.push({ code: issue.code, path, message: issue.message });
    }
  }
  return out;
}

function withDomain(i: RawIssue, domain: Domain, paramPath: IssuePath, data: unknown): RawIssue {
  // A number out of range inside {value: ...} reads better with the field's domain.
  // Only the number itself or its {value}: not the fields of a distribution (beta trials).
  const own =
    i.path.length === paramPath.length ||
    (i.path.length === paramPath.length + 1 && i.path.at(-1) === "value");
  if (own && (i.code === "out_of_range" || i.code === "invalid_type")) {
    return {
      ...i,
      message: `expected ${describeDomain(domain)}, got ${show(valueAt(data, i.path))}`,
    };
  }
  return i;
}

function boundText(issue: ZodIssue): string {
  if (issue.code === "too_big")
    return `a number ${issue.inclusive === false ? "below" : "at most"} ${String(issue.maximum)}`;
  if (issue.code === "too_small")
    return `a number ${issue.inclusive === false ? "above" : "at least"} ${String(issue.minimum)}`;
  return "a number in range";
}

function listBound(issue: ZodIssue): string {
  if (issue.code === "too_small") {
    return `expected ${issue.exact ? "exactly" : "at least"} ${String(issue.minimum)} entries`;
  }
  if (issue.code === "too_big") {
    return `expected ${issue.exact ? "exactly" : "at most"} ${String(issue.maximum)} entries`;
  }
  return "wrong number of entries";
}
