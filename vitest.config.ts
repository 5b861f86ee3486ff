import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "apps/web/test/unit/**/*.test.ts",
      "bench/test/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 60_000,
    env: { TZ: "UTC" },
    pool: "threads",
  },
});
