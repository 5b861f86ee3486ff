// CSV export of a chart's data (RFC 4180 quoting, LF line ends, as the CLI writes it).

export type CsvCell = string | number | boolean | null | undefined;

/** A table as a chart exports it: column names and rows of cells. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

/** A plain negative number written as text (`-240`, `-0.5`, `-1e-3`): safe in a spreadsheet. */
const NEGATIVE_NUMBER = /^-(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * One CSV field. Numbers are written in full precision (shortest round-trip form). Text that a
 * spreadsheet would run as a formula (starting with =, +, @, a tab, a carriage return, or a
 * minus, unless the whole text is a plain negative number: `-1+1` and `-2+3+cmd|…` are formulas)
 * gets a leading apostrophe (OWASP's CSV injection advice): scenario names come from shared links.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (typeof value === "string" && /^[=+@\t\r-]/.test(s) && !NEGATIVE_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header row and LF line ends. */
export function toCsv(table: CsvTable): string {
  return [table.columns, ...table.rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}
