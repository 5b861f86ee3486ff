import { SCHEMA_VERSION } from "./schema.ts";
import type { RawIssue } from "./zodIssues.ts";

/**
 * Brings a document written for an older `schemaVersion` up to the current one. The scenario
 * format is the project's compatibility promise: each version bump adds a step here, and files
 * written for any released version keep loading.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 is the first version: nothing to migrate yet.
};

export function migrate(
  doc: Record<string, unknown>,
): { ok: true; data: Record<string, unknown> } | { ok: false; issue: RawIssue } {
  const v = doc["schemaVersion"];
  if (v === undefined) {
    return {
      ok: false,
      issue: {
        code: "missing_field",
        path: ["schemaVersion"],
        message: `is required (this version of stratbal writes ${SCHEMA_VERSION})`,
      },
    };
  }
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    return {
      ok: false,
      issue: {
        code: "invalid_value",
        path: ["schemaVersion"],
        message: `expected a whole number such as ${SCHEMA_VERSION}, got ${typeof v === "number" ? String(v) : JSON.stringify(v)}`,
      },
    };
  }
  if (v > SCHEMA_VERSION) {
    return {
      ok: false,
      issue: {
        code: "unsupported_version",
        path: ["schemaVersion"],
        message: `this file needs schemaVersion ${v}; this stratbal reads up to ${SCHEMA_VERSION} — upgrade stratbal`,
      },
    };
  }
  let data = doc;
  for (let from = v; from < SCHEMA_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (!step) throw new Error(`no migration from schemaVersion ${from}`);
    data = { ...step(data), schemaVersion: from + 1 };
  }
  return { ok: true, data };
}
