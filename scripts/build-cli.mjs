// Bundles the CLI (and its worker entries) into packages/cli/dist with esbuild, so that
// `npx stratbal` runs plain JavaScript on Node 20 with no TypeScript loader at start-up.
// Runs from `npm ci` through the root `prepare` script.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entries = { stratbal: "packages/cli/src/main.ts" };
for (const [name, path] of Object.entries({ worker: "packages/cli/src/worker.ts" })) {
  if (existsSync(new URL(path, new URL("..", import.meta.url)))) entries[name] = path;
}

await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: "packages/cli/dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies (the @stdlib micro-packages) call require(); give the ESM bundle one.
  banner: {
    js: 'import { createRequire as __stratbalCreateRequire } from "node:module"; const require = __stratbalCreateRequire(import.meta.url);',
  },
});
