// The workbench is a static site: `vite build` writes apps/web/dist, which any static host can
// serve from any path (relative base). Core runs in module workers.
import { defineConfig } from "vite";
import { thirdPartyLicenses } from "./vite/thirdPartyLicenses.ts";

const licenses = thirdPartyLicenses();

const output = {
  // The @stdlib micro-packages carry a license header each; the notices go in
  // THIRD-PARTY-LICENSES.txt, not the bundle (rolldown's `comments.legal`, was `legalComments`).
  comments: { legal: false },
};

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [licenses.page],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    reportCompressedSize: false,
    // Plot (with d3), the scenario schema (zod) and the YAML parser make one ~200 KB gzip chunk.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: {
        main: new URL("./index.html", import.meta.url).pathname,
        docs: new URL("./docs.html", import.meta.url).pathname,
      },
      output,
      // The worker is bundled inside a transform hook, which this check reports as slow plugin time.
      checks: { bundlerTimings: false },
    },
  },
  worker: {
    format: "es",
    plugins: () => [licenses.worker],
    rolldownOptions: { output },
  },
  preview: { host: "localhost" },
  server: { host: "localhost" },
});
