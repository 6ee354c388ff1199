import { defineConfig } from "vitest/config";

// Soak mode (npm run test:soak) runs the same suites at full scale; see test/scale.ts.
const soak = process.env.DISPATCH_SOAK === "1";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: soak ? 600_000 : 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
    coverage: {
      provider: "v8",
      include: ["transformer/**/*.ts"],
      // mutants.ts is test-only; plugin.ts runs only inside tspc child processes, which v8 coverage cannot see
      exclude: ["transformer/mutants.ts", "transformer/plugin.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
    },
  },
});
