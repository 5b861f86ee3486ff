import type { SamplingPlan, UncertainParam } from "@stratbal/core";
import { makeSampler } from "@stratbal/core";
import { suggest } from "./issues.ts";
import { domainBounds } from "./param.ts";
import type { ParamRef } from "./params.ts";
import { listParams } from "./params.ts";
import type { Scenario } from "./schema.ts";
import type { RawIssue } from "./zodIssues.ts";

/**
 * The outer Monte Carlo plan of a scenario: every parameter given as a distribution (in document
 * order, by id path, with its domain as support) and the rank correlations of its `uncertainty`
 * section. Issues name the correlation entry at fault: a path that names no parameter or one
 * with no distribution, a parameter correlated with itself, a pair given twice, and correlations
 * that cannot hold together (the matrix is not positive definite).
 */
export function toSamplingPlan(s: Scenario): { plan: SamplingPlan; issues: RawIssue[] } {
  const refs = listParams(s);
  const uncertain = refs.filter((r) => r.param.dist !== undefined);
  const params: UncertainParam[] = uncertain.map((r) => {
    const b = domainBounds(r.domain);
    return {
      path: r.path,
      dist: r.param.dist!,
      support: { min: b.min, max: b.max },
      integer: b.integer,
    };
  });
  const position = new Map(uncertain.map((r, i) => [r.path, i]));
  const issues: RawIssue[] = [];
  const pairs: { a: number; b: number; rank: number; at: number }[] = [];
  const seen = new Map<string, number>();
  (s.uncertainty?.correlations ?? []).forEach((c, ci) => {
    const base = ["uncertainty", "correlations", ci] as const;
    const ends: number[] = [];
    c.between.forEach((path, j) => {
      const ref = resolve(refs, path);
      if (!ref) {
        const hint = suggest(
          path,
          refs.map((r) => r.path),
        );
        issues.push({
          code: "unknown_param",
          path: [...base, "between", j],
          message:
            `"${path}" names no parameter of this scenario` +
            (hint ? ` (did you mean "${hint}"?)` : ""),
        });
        return;
      }
      const pos = position.get(ref.path);
      if (pos === undefined) {
        issues.push({
          code: "not_uncertain",
          path: [...base, "between", j],
          message:
            `${ref.path} is a fixed number (${ref.param.value}); a rank correlation joins two ` +
            "parameters given as distributions (beta, uniform, triangular or normal90)",
        });
        return;
      }
      ends.push(pos);
    });
    if (ends.length !== 2) return;
    const [a, b] = ends as [number, number];
    if (a === b) {
      issues.push({
        code: "self_correlation",
        path: [...base, "between"],
        message: `a parameter cannot be correlated with itself (${params[a]!.path})`,
      });
      return;
    }
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const before = seen.get(key);
    if (before !== undefined) {
      issues.push({
        code: "duplicate_correlation",
        path: [...base, "between"],
        message: `${params[a]!.path} and ${params[b]!.path} are already correlated by uncertainty.correlations[${before}]`,
      });
      return;
    }
    seen.set(key, ci);
    pairs.push({ a, b, rank: c.rank, at: ci });
  });
  const plan: SamplingPlan = {
    params,
    correlations: pairs.map(({ a, b, rank }) => ({ a, b, rank })),
  };
  if (issues.length === 0 && pairs.length > 0) {
    const r = makeSampler(plan);
    if (!r.ok) {
      const members = new Set(r.members);
      const involved = pairs.filter((p) => members.has(p.a) && members.has(p.b));
      const names = r.members.map((m) => params[m]!.path);
      issues.push({
        code: "inconsistent_correlations",
        path: ["uncertainty", "correlations", involved[0]?.at ?? 0],
        message:
          `the rank correlations ${involved.map((p) => `[${p.at}]`).join(", ")} among ` +
          `${names.join(", ")} cannot hold together (their correlation matrix is not positive ` +
          "definite); weaken one of them",
      });
    }
  }
  return { plan, issues };
}

function resolve(refs: readonly ParamRef[], path: string): ParamRef | undefined {
  return refs.find((r) => r.path === path || r.indexText === path);
}
