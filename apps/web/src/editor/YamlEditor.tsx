// The scenario as YAML: a plain, accessible textarea with line numbers and a marker on every line
// that has a problem. Tab moves focus as usual (YAML is indented with spaces).
import type { ScenarioIssue } from "@stratbal/scenario";
import { useEffect, useRef } from "preact/hooks";

export interface YamlEditorProps {
  readonly text: string;
  readonly onChange: (text: string) => void;
  readonly issues: readonly ScenarioIssue[];
  /** A position to select and scroll to (set when an issue is chosen). */
  readonly focusAt?:
    { readonly line: number; readonly col: number; readonly seq: number } | undefined;
  readonly file: string;
}

/** Offset in `text` of 1-based line and column (clamped to the text). */
export function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  const end = text.indexOf("\n", at);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(at + Math.max(0, col - 1), lineEnd);
}

export function YamlEditor(props: YamlEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = props.text.split("\n").length;
  const marked = new Map<number, ScenarioIssue[]>();
  for (const i of props.issues) {
    if (i.line <= 0) continue;
    const list = marked.get(i.line) ?? [];
    list.push(i);
    marked.set(i.line, list);
  }
  useEffect(() => {
    const f = props.focusAt;
    const el = area.current;
    if (!f || !el) return;
    const at = offsetOf(props.text, f.line, f.col);
    el.focus();
    el.setSelectionRange(at, at);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (f.line - 4) * lineHeight);
  }, [props.focusAt?.seq]);
  const sync = () => {
    if (gutter.current && area.current)
      gutter.current.style.transform = `translateY(${-area.current.scrollTop}px)`;
  };
  return (
    <div class="yaml-editor">
      <div class="gutter-clip" aria-hidden="true">
        <div class="gutter" ref={gutter}>
          {Array.from({ length: lines }, (_, k) => {
            const issues = marked.get(k + 1);
            const error = issues?.some((i) => i.severity === "error");
            return (
              <div
                class={`gutter-line${issues ? (error ? " has-error" : " has-warning") : ""}`}
                title={issues?.map((i) => i.message).join("\n")}
              >
                {issues ? (error ? "✖ " : "⚠ ") : ""}
                {k + 1}
              </div>
            );
          })}
        </div>
      </div>
      <textarea
        ref={area}
        class="yaml-text"
        aria-label={`Scenario YAML (${props.file})`}
        aria-invalid={props.issues.some((i) => i.severity === "error") ? "true" : "false"}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        wrap="off"
        value={props.text}
        onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
        onScroll={sync}
        data-testid="yaml-text"
      />
    </div>
  );
}
