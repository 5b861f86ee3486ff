// `npm start`: builds the web workbench (a static site, apps/web/dist) and serves it on localhost,
// printing the address; the default scenario opens there. Any static server can host the build.
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";

const root = fileURLToPath(new URL("../apps/web/", import.meta.url));
const configFile = fileURLToPath(new URL("../apps/web/vite.config.ts", import.meta.url));
const port = Number(process.env.PORT ?? 4173);

process.stdout.write("Building the Strategic Balance Lab workbench…\n");
await build({ root, configFile, logLevel: "warn" });
const server = await preview({
  root,
  configFile,
  logLevel: "warn",
  preview: { host: "localhost", port, strictPort: false, open: false },
});
const url = server.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
process.stdout.write(
  `\nStrategic Balance Lab workbench: ${url}\n` +
    "Open it in a browser; the default scenario is loaded. Press Ctrl+C to stop.\n",
);
