// A number field for a view option: what is typed stays as typed while the field has focus, and
// each valid value is applied at once (an out-of-range value says why and is not applied).
import { useState } from "preact/hooks";

export interface NumberOptionProps {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly onCommit: (text: string) => void;
  readonly testId?: string;
  readonly class?: string;
}

export function NumberOption(p: NumberOptionProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const check = (t: string): string | null => {
    const v = Number(t);
    if (t.trim() === "" || !Number.isFinite(v)) return "enter a number";
    if (p.integer && !Number.isInteger(v)) return "enter a whole number";
    if (p.min !== undefined && v < p.min) return `at least ${p.min}`;
    if (p.max !== undefined && v > p.max) return `at most ${p.max}`;
    return null;
  };
  return (
    <label class={p.class}>
      {p.label}
      <input
        type="number"
        step={p.integer ? 1 : "any"}
        min={p.min}
        max={p.max}
        value={draft ?? String(p.value)}
        aria-invalid={problem ? "true" : "false"}
        onFocus={() => setDraft(String(p.value))}
        onInput={(e) => {
          const t = (e.target as HTMLInputElement).value;
          setDraft(t);
          const why = check(t);
          setProblem(why);
          if (!why) p.onCommit(t);
        }}
        onBlur={() => {
          setDraft(null);
          setProblem(null);
        }}
        data-testid={p.testId}
      />
      {problem && <span class="field-error">{problem}</span>}
    </label>
  );
}
