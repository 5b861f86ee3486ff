// The import rules of DESIGN §1 kept as data and checked in CI (`npm run deps:check`):
// core -> nothing; scenario -> core; cli -> core, scenario; web -> core, scenario.
// Packages reach each other only through their root (the package name), and no cycles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Circular imports make module order fragile and hide layering mistakes.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-imports-no-package",
      severity: "error",
      comment: "core is the bottom layer: it imports no other workspace package.",
      from: { path: "^packages/core/" },
      to: { path: "^(packages/(scenario|cli)|apps/web)/" },
    },
    {
      name: "scenario-imports-only-core",
      severity: "error",
      from: { path: "^packages/scenario/" },
      to: { path: "^(packages/cli|apps/web)/" },
    },
    {
      name: "cli-imports-only-core-and-scenario",
      severity: "error",
      from: { path: "^packages/cli/" },
      to: { path: "^apps/web/" },
    },
    {
      name: "web-imports-only-core-and-scenario",
      severity: "error",
      from: { path: "^apps/web/" },
      to: { path: "^packages/cli/" },
    },
    {
      name: "packages-only-through-their-root",
      severity: "error",
      comment:
        "Another package is reached through its root (index.ts), never a deep path into its src/.",
      from: { path: "^(packages|apps)/([^/]+)/" },
      to: {
        path: "^packages/([^/]+)/src/(?!index\\.ts$)",
        pathNot: "^packages/$2/",
      },
    },
    {
      name: "core-no-node-builtins",
      severity: "error",
      comment: "core is pure computation: no IO.",
      from: { path: "^packages/core/src/" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "default"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
  },
};
