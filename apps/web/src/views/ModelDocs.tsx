// Links from a view to the documentation of the models behind it (equations and sources), read
// from the core's MODELS registry; a view may name pages for models not yet in the registry.
import { modelEntry } from "@stratbal/core";
import { docHref } from "../docs/docPages.ts";

export interface DocRef {
  /** Registry id of the model (`engagement`). */
  readonly model: string;
  /** Title and page to use when the registry has no entry for the model. */
  readonly title?: string;
  readonly doc?: string;
}

export function ModelDocs({ refs }: { readonly refs: readonly DocRef[] }) {
  if (refs.length === 0) return null;
  return (
    <p class="model-docs">
      <span>Model documentation, equations and sources: </span>
      {refs.map((r, i) => {
        const entry = modelEntry(r.model);
        const title = entry?.title ?? r.title ?? r.model;
        const doc = entry?.doc ?? r.doc;
        const href = doc ? docHref(doc) : undefined;
        return (
          <span key={r.model}>
            {i > 0 && "; "}
            {href ? (
              <a href={href} target="_blank" rel="noopener">
                {title}
              </a>
            ) : (
              <span title="this page is not in this build">
                {title} ({doc ?? "no page yet"})
              </span>
            )}
            {entry && entry.references.length > 0 && (
              <span class="muted">
                {" "}
                — {entry.references.map((x) => x.citation.split(",")[0]).join("; ")}
              </span>
            )}
          </span>
        );
      })}
    </p>
  );
}
