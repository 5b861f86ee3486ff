// A small RFC 4180 CSV reader for the files in data/: quoted fields may hold commas, doubled
// quotes and line breaks; CRLF and LF line ends are both accepted (the shared CSVs use CRLF).

/** Parses CSV text into rows of fields. A trailing line break does not make an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("csv: unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as records keyed by the header; every row must have as many fields as the header. */
export function csvRecords(text: string, file = "<csv>"): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${file}: empty csv`);
  return rows.map((r, i) => {
    if (r.length !== header.length) {
      throw new Error(`${file}:${i + 2}: expected ${header.length} fields, got ${r.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, r[j]!]));
  });
}
