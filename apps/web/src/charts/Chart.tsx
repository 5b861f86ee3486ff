// One chart: a Plot drawing sized to its container, a legend that travels with the exports, a
// caption, and PNG / SVG / CSV export buttons.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { CsvTable } from "./csv.ts";
import { toCsv } from "./csv.ts";
import type { LegendEntry } from "./exportChart.ts";
import { composeSvg, download, legendSvg, svgToPng } from "./exportChart.ts";

export interface ChartProps {
  /** Stable id: part of the test id and the export file names. */
  readonly id: string;
  readonly title: string;
  /** Draws the chart at a width (px); returns Plot's SVG. */
  readonly render: (width: number) => Element;
  /** Redraw when any of these change (the data the drawing depends on). */
  readonly deps: readonly unknown[];
  readonly legend?: readonly LegendEntry[];
  /** A second legend drawn by Plot (e.g. a colour ramp), at a width. */
  readonly ramp?: (width: number) => Element;
  readonly csv: () => CsvTable;
  /** Base of export file names: the scenario's slug. */
  readonly fileBase: string;
  /** Source line of the exports: tool, scenario, date. */
  readonly footer: string;
  readonly caption?: ComponentChildren;
  /** True while a newer result is being computed: the chart is dimmed. */
  readonly stale?: boolean;
}

function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((old) => (Math.abs(old - w) >= 4 ? w : old));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return width;
}

export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);

  useEffect(() => {
    const host = canvas.current;
    if (!host || width <= 0) return;
    try {
      const parts: Element[] = [];
      if (props.legend && props.legend.length > 0) parts.push(legendSvg(props.legend, width));
      if (props.ramp) {
        const r = props.ramp(Math.min(320, width));
        if (r instanceof SVGSVGElement) r.setAttribute("data-export", "");
        parts.push(r);
      }
      const plot = props.render(width);
      plot.setAttribute("data-export", "");
      plot.setAttribute("role", "img");
      plot.setAttribute("aria-label", props.title);
      parts.push(plot);
      host.replaceChildren(...parts);
      host.dataset["ready"] = "true";
      setDrawError(null);
    } catch (err) {
      host.replaceChildren();
      setDrawError(err instanceof Error ? err.message : String(err));
    }
  }, [width, ...props.deps]);

  const save = async (format: "png" | "svg" | "csv") => {
    const name = `${props.fileBase}-${props.id}.${format}`;
    setExporting(format);
    try {
      if (format === "csv") {
        download(new Blob([toCsv(props.csv())], { type: "text/csv;charset=utf-8" }), name);
        return;
      }
      const host = canvas.current;
      if (!host) return;
      const { svg, width: w, height: h } = composeSvg(host, props.title, props.footer);
      if (format === "svg") {
        download(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), name);
      } else {
        download(await svgToPng(svg, w, h), name);
      }
    } finally {
      setExporting(null);
    }
  };

  const titleId = `chart-title-${props.id}`;
  return (
    <figure
      class={`chart${props.stale ? " stale" : ""}`}
      data-testid={`chart-${props.id}`}
      aria-labelledby={titleId}
      aria-busy={props.stale ? "true" : "false"}
    >
      <div class="chart-head">
        <h3 id={titleId}>{props.title}</h3>
        <div class="chart-export" role="group" aria-label={`Export ${props.title}`}>
          {(["png", "svg", "csv"] as const).map((f) => (
            <button
              type="button"
              class="small"
              onClick={() => void save(f)}
              disabled={exporting !== null}
              aria-label={`Export ${props.title} as ${f.toUpperCase()}`}
              data-export-format={f}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      <div class="chart-box" ref={box}>
        <div class="chart-canvas" ref={canvas} />
        {drawError && <p class="error">This chart could not be drawn: {drawError}</p>}
      </div>
      {props.caption && <figcaption>{props.caption}</figcaption>}
    </figure>
  );
}
