#!/usr/bin/env node
// The `stratbal` command. The CLI is bundled by `npm ci` (root `prepare` script) into ../dist.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/stratbal.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    "stratbal: the CLI is not built yet; run `npm run build` at the repository root\n",
  );
  process.exit(2);
}
await import(bundle.href);
