// The shipped scenario library: every `scenarios/*.yaml` at the repository root, read at build
// time, so a new file appears in the workbench without code changes.

export interface LibraryEntry {
  /** File name without extension: `us-russia-2017`. */
  readonly id: string;
  /** Path shown to the user and used in issue locations: `scenarios/us-russia-2017.yaml`. */
  readonly file: string;
  readonly title: string;
  readonly text: string;
}

const files = import.meta.glob<string>("../../../../scenarios/*.{yaml,yml}", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The preferred default, in order: `default.yaml`, then the 2017 balance, then the first file. */
const DEFAULT_ORDER = ["default", "us-russia-2017"];

/** Library entries sorted by file name; the title is read from each file. */
export function makeLibrary(raw: Readonly<Record<string, string>>): LibraryEntry[] {
  return Object.entries(raw)
    .map(([path, text]) => {
      const name = path.split("/").pop()!;
      const id = name.replace(/\.ya?ml$/, "");
      // The title line is enough for the picker; the file is validated when it is opened.
      const title = /^title:\s*(.+?)\s*$/m.exec(text)?.[1]?.replace(/^(["'])(.*)\1$/, "$2") ?? id;
      return { id, file: `scenarios/${name}`, title, text };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The default scenario of a library. */
export function defaultEntry(lib: readonly LibraryEntry[]): LibraryEntry | undefined {
  for (const id of DEFAULT_ORDER) {
    const e = lib.find((x) => x.id === id);
    if (e) return e;
  }
  return lib[0];
}

/** The library of this build: every shipped scenario, by file name. */
export const LIBRARY: readonly LibraryEntry[] = makeLibrary(files);

const first = defaultEntry(LIBRARY);
if (!first) throw new Error("this build has no scenarios: scenarios/*.yaml matched no file");

/** The scenario the workbench opens on. */
export const DEFAULT_ENTRY: LibraryEntry = first;
