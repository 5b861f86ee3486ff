// docs.html: renders one page of the repository's docs/ (markdown) with its links kept inside
// the build: links to other docs pages stay in docs.html, others are shown as repository paths.
import { marked } from "marked";
import "../styles.css";
import { DOC_PAGES } from "./docPages.ts";

function resolve(from: string, href: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of href.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

async function show(): Promise<void> {
  const main = document.getElementById("doc")!;
  const page = new URLSearchParams(location.search).get("page") ?? "web";
  const path = `docs/${page}.md`;
  const load = Object.hasOwn(DOC_PAGES, path) ? DOC_PAGES[path] : undefined;
  if (!load) {
    main.replaceChildren();
    const p = document.createElement("p");
    p.textContent = `There is no page ${path} in this build.`;
    main.append(p);
    main.removeAttribute("aria-busy");
    return;
  }
  const md = await load();
  // The markdown is the repository's own docs/, bundled at build time (never user input); the
  // page name from the address only selects one of those files and is shown as text.
  const html = await marked.parse(md, { gfm: true });
  // eslint-disable-next-line no-restricted-properties -- the repository's own docs, bundled at build
  main.innerHTML = html;
  const nav = document.createElement("p");
  nav.className = "doc-nav";
  const home = document.createElement("a");
  home.href = "./";
  home.textContent = "← Workbench";
  const where = document.createElement("span");
  where.className = "muted";
  where.textContent = path;
  nav.append(home, " · ", where);
  main.prepend(nav);
  for (const a of main.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const href = a.getAttribute("href")!;
    if (/^[a-z]+:/i.test(href) || href.startsWith("#") || href === "./") continue;
    const [target, anchor] = href.split("#");
    const repoPath = resolve(path, target!);
    if (repoPath in DOC_PAGES) {
      a.href = `docs.html?page=${encodeURIComponent(repoPath.replace(/^docs\//, "").replace(/\.md$/, ""))}${anchor ? `#${anchor}` : ""}`;
    } else {
      // Not part of the site: keep the words, name the file in the repository.
      const span = document.createElement("span");
      span.append(...a.childNodes);
      if (span.textContent !== repoPath) {
        const code = document.createElement("code");
        code.textContent = repoPath;
        span.append(" (", code, ")");
      }
      span.title = "a file in the repository";
      a.replaceWith(span);
    }
  }
  const h1 = main.querySelector("h1");
  if (h1) document.title = `${h1.textContent} — Strategic Balance Lab`;
  main.removeAttribute("aria-busy");
}

void show();
