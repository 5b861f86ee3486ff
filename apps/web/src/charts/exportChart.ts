// Chart export: the chart's SVG parts (legends and plot) stacked into one standalone SVG with a
// title and source line; PNG by drawing that SVG on a canvas at twice the size; CSV from data.

const SVG_NS = "http://www.w3.org/2000/svg";

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number(svg.getAttribute("width"));
  const h = Number(svg.getAttribute("height"));
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = svg.getBoundingClientRect();
  return { width: Math.ceil(box.width), height: Math.ceil(box.height) };
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One standalone SVG document from the SVG elements inside `container`, in document order,
 * under a title line and over a footer line.
 */
export function composeSvg(
  container: Element,
  title: string,
  footer: string,
): { svg: string; width: number; height: number } {
  const parts = [...container.querySelectorAll<SVGSVGElement>("svg[data-export]")];
  const pad = 12;
  const titleH = 26;
  const footH = 20;
  let y = pad + titleH;
  let width = 320;
  const placed: string[] = [];
  for (const p of parts) {
    const { width: w, height: h } = sizeOf(p);
    const clone = p.cloneNode(true) as SVGSVGElement;
    clone.setAttribute("x", String(pad));
    clone.setAttribute("y", String(y));
    clone.setAttribute("width", String(w));
    clone.setAttribute("height", String(h));
    clone.removeAttribute("style");
    placed.push(new XMLSerializer().serializeToString(clone));
    y += h + 6;
    width = Math.max(width, w + 2 * pad);
  }
  const height = y + footH;
  const font = "font-family=\"system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif\"";
  const svg =
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="color:#1a1a1a">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${pad}" y="${pad + 16}" ${font} font-size="15" font-weight="600" fill="#1a1a1a">${escapeXml(title)}</text>` +
    placed.join("") +
    `<text x="${pad}" y="${height - 7}" ${font} font-size="10" fill="#555">${escapeXml(footer)}</text>` +
    `</svg>`;
  return { svg, width, height };
}

/** The SVG drawn on a canvas at `scale`× and encoded as PNG. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const g = canvas.getContext("2d");
    if (!g) throw new Error("no 2d canvas");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under a file name through a temporary link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug: lowercase letters, digits and dashes. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "scenario"
  );
}

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** Draw as a dashed line rather than a filled swatch. */
  readonly dash?: boolean;
  readonly opacity?: number;
}

/** A swatch legend as an SVG element, so that it travels with the SVG and PNG exports. */
export function legendSvg(entries: readonly LegendEntry[], maxWidth: number): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  const rowH = 18;
  let x = 0;
  let row = 0;
  const items: SVGGElement[] = [];
  for (const e of entries) {
    const w = 22 + e.label.length * 6.4 + 14;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      row++;
    }
    const g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("transform", `translate(${x},${row * rowH})`);
    if (e.dash) {
      const l = document.createElementNS(SVG_NS, "line");
      l.setAttribute("x1", "0");
      l.setAttribute("x2", "16");
      l.setAttribute("y1", "9");
      l.setAttribute("y2", "9");
      l.setAttribute("stroke", e.color);
      l.setAttribute("stroke-width", "2");
      l.setAttribute("stroke-dasharray", "4 3");
      g.append(l);
    } else {
      const r = document.createElementNS(SVG_NS, "rect");
      r.setAttribute("x", "0");
      r.setAttribute("y", "3");
      r.setAttribute("width", "16");
      r.setAttribute("height", "12");
      r.setAttribute("fill", e.color);
      if (e.opacity !== undefined) r.setAttribute("fill-opacity", String(e.opacity));
      g.append(r);
    }
    const t = document.createElementNS(SVG_NS, "text");
    t.setAttribute("x", "22");
    t.setAttribute("y", "13");
    t.setAttribute("font-size", "12");
    t.setAttribute(
      "font-family",
      "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif",
    );
    t.setAttribute("fill", "#1a1a1a");
    t.textContent = e.label;
    g.append(t);
    items.push(g);
    x += w;
  }
  const width = Math.max(1, Math.min(maxWidth, row > 0 ? maxWidth : x));
  const height = (row + 1) * rowH + 2;
  svg.setAttribute("width", String(Math.ceil(width)));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${Math.ceil(width)} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Legend: ${entries.map((e) => e.label).join(", ")}`);
  svg.setAttribute("data-export", "");
  svg.append(...items);
  return svg;
}
