import type { UsageIssue } from "./io.ts";

/** Collects every problem with the flags of one command before anything runs. */
export class FlagReader {
  readonly issues: UsageIssue[] = [];

  private problem(flag: string, message: string, code = "invalid_flag"): undefined {
    this.issues.push({ code, where: flag, message });
    return undefined;
  }

  /** A required or optional number, checked for syntax and range. */
  number(
    flag: string,
    raw: unknown,
    opts: { required?: boolean; integer?: boolean; min?: number; max?: number; fallback?: number },
  ): number | undefined {
    if (raw === undefined || raw === true) {
      if (opts.required) return this.problem(flag, `is required`, "missing_flag");
      return opts.fallback;
    }
    const text = String(raw).trim();
    // Strict syntax: Number("") is 0 and Number("0x10") is 16; neither is what a user meant.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
      return this.problem(flag, `expected a number, got "${text}"`);
    }
    const v = Number(text);
    if (!Number.isFinite(v)) return this.problem(flag, `expected a finite number, got "${text}"`);
    if (opts.integer && !Number.isInteger(v)) {
      return this.problem(flag, `expected a whole number, got ${text}`);
    }
    if (opts.min !== undefined && v < opts.min) {
      return this.problem(flag, `must be at least ${opts.min}, got ${text}`, "out_of_range");
    }
    if (opts.max !== undefined && v > opts.max) {
      return this.problem(
        flag,
        `must be at most ${opts.max.toLocaleString("en-US")}, got ${text}`,
        "out_of_range",
      );
    }
    return v;
  }

  /** A probability in [0, 1]. */
  probability(
    flag: string,
    raw: unknown,
    opts: { required?: boolean; fallback?: number },
  ): number | undefined {
    if (raw !== undefined && raw !== true) {
      const text = String(raw).trim();
      const v = Number(text);
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && (v < 0 || v > 1)) {
        return this.problem(flag, `expected a probability in [0, 1], got ${text}`, "out_of_range");
      }
    }
    return this.number(flag, raw, { ...opts, min: 0, max: 1 });
  }

  /** A comma-separated list of whole numbers, e.g. `--sls 2,2`. */
  integerList(
    flag: string,
    raw: unknown,
    length: number,
    opts: { min: number; max: number },
  ): number[] | undefined {
    if (raw === undefined) return undefined;
    const parts = String(raw).split(",");
    if (parts.length !== length) {
      return this.problem(
        flag,
        `expected ${length} whole numbers separated by a comma, got "${String(raw)}"`,
      );
    }
    const out: number[] = [];
    for (const [i, part] of parts.entries()) {
      const v = this.number(`${flag}[${i}]`, part, {
        integer: true,
        min: opts.min,
        max: opts.max,
        required: true,
      });
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }

  conflict(flags: string[], given: boolean[]): void {
    const used = flags.filter((_, i) => given[i]);
    if (used.length > 1) {
      this.issues.push({
        code: "conflicting_flags",
        where: used.join(" "),
        message: `choose one of ${flags.join(", ")}`,
      });
    }
  }
}
