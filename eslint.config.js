// Lint rules. The core package is pure computation: no IO, clock, randomness or console
// (DESIGN §1, STYLE "Functional core, imperative shell"), enforced here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const coreBans = {
  "no-console": "error",
  "no-restricted-globals": [
    "error",
    { name: "fetch", message: "core does no IO; the CLI or web app fetches" },
    { name: "process", message: "core does not read the environment" },
    { name: "setTimeout", message: "core has no clock" },
    { name: "setInterval", message: "core has no clock" },
    { name: "performance", message: "core has no clock; time in the CLI (--timing) or bench/" },
    { name: "document", message: "core has no DOM" },
    { name: "window", message: "core has no DOM" },
  ],
  "no-restricted-properties": [
    "error",
    { object: "Math", property: "random", message: "randomness is a parameter: take an Rng" },
    { object: "Date", property: "now", message: "core has no clock" },
  ],
  "no-restricted-syntax": [
    "error",
    { selector: "NewExpression[callee.name='Date']", message: "core has no clock" },
  ],
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["node:*", "fs", "path", "os", "child_process", "worker_threads"],
          message: "core does no IO",
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    // Scenario text is untrusted (files and links): no HTML sinks, no code from strings
    // (SECURITY.md). Core's own block below replaces these for core, which has no DOM at all.
    files: ["packages/*/src/**/*.ts", "apps/web/src/**/*.{ts,tsx}"],
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-properties": [
        "error",
        ...["innerHTML", "outerHTML", "insertAdjacentHTML", "srcdoc"].map((property) => ({
          property,
          message: "renders text as HTML: build DOM nodes and set textContent (SECURITY.md)",
        })),
        { object: "document", property: "write", message: "renders text as HTML (SECURITY.md)" },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "renders text as HTML: render it as a JSX child (SECURITY.md)",
        },
      ],
    },
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: coreBans,
  },
);
