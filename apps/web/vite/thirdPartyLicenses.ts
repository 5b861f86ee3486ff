// Writes THIRD-PARTY-LICENSES.txt into the build: the license of every npm package bundled into
// the page or the workers. The bundles drop license comments (they would triple the worker's
// size), so the notices ship as this one file instead.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

/** The package root of a module path inside node_modules, e.g. `…/node_modules/@scope/name`. */
export function packageRoot(id: string): string | undefined {
  const norm = id.replace(/\\/g, "/").split("?")[0]!;
  const at = norm.lastIndexOf("/node_modules/");
  if (at < 0) return undefined;
  const rest = norm.slice(at + "/node_modules/".length).split("/");
  const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  return `${norm.slice(0, at)}/node_modules/${name}`;
}

function licenseText(root: string): string | undefined {
  const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  return file ? readFileSync(join(root, file), "utf8").trim() : undefined;
}

/**
 * One plugin instance for the page build and another for the worker build share `seen`; the
 * page build, which finishes last, writes the file.
 */
export function thirdPartyLicenses(seen: Set<string> = new Set()): {
  page: Plugin;
  worker: Plugin;
} {
  const collect: Plugin["moduleParsed"] = (info) => {
    const root = packageRoot(info.id);
    if (root) seen.add(root);
  };
  return {
    worker: { name: "stratbal-licenses-worker", moduleParsed: collect },
    page: {
      name: "stratbal-licenses",
      apply: "build",
      moduleParsed: collect,
      generateBundle() {
        // Packages with the same license text share one copy of it (the @stdlib micro-packages
        // are a hundred copies of one Apache-2.0 file).
        const byText = new Map<string, string[]>();
        for (const root of [...seen].sort()) {
          const pkgFile = join(root, "package.json");
          if (!existsSync(pkgFile)) continue;
          const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as {
            name: string;
            version: string;
            license?: string;
          };
          if (pkg.name.startsWith("@stratbal/")) continue;
          const text =
            licenseText(root) ??
            `(no license file in the package; its package.json says ${pkg.license ?? "nothing"})`;
          const list = byText.get(text) ?? [];
          list.push(`${pkg.name}@${pkg.version} (${pkg.license ?? "license unknown"})`);
          byText.set(text, list);
        }
        const blocks = [...byText].map(([text, pkgs]) => `${pkgs.join("\n")}\n\n${text}`);
        this.emitFile({
          type: "asset",
          fileName: "THIRD-PARTY-LICENSES.txt",
          source:
            "Strategic Balance Lab web workbench: licenses of the third-party packages in this build.\n\n" +
            blocks.join(`\n\n${"-".repeat(78)}\n\n`) +
            "\n",
        });
      },
    },
  };
}
