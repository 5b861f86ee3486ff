// The documentation pages of this build: every `docs/**/*.md` of the repository, rendered by
// docs.html on demand. A model's registry entry names its page (`doc: "docs/models/x.md"`).

/** Loaders of the markdown of each page, by repository path (`docs/models/engagement.md`). */
export const DOC_PAGES: Readonly<Record<string, () => Promise<string>>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>("../../../../docs/**/*.md", { query: "?raw", import: "default" }),
  ).map(([k, load]) => [k.replace(/^(\.\.\/)+/, ""), load]),
);

/** The docs.html address of a page, or undefined when the page is not in this build. */
export function docHref(doc: string): string | undefined {
  if (!(doc in DOC_PAGES)) return undefined;
  return `docs.html?page=${encodeURIComponent(doc.replace(/^docs\//, "").replace(/\.md$/, ""))}`;
}
