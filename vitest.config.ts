import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts", "runtime/**/*.test.ts", "compiler/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Kernel tests share one bpf() namespace and tracefs; run files in a few forks, not threads,
    // so koffi's native state stays per process.
    pool: "forks",
  },
});
