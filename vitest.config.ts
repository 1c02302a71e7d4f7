import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by its public names ("tsbpf/testing", as users do); resolve them to
    // the sources, not to dist/, which is only as new as the last `npm run build`.
    alias: [
      { find: /^tsbpf\/testing\/vitest$/, replacement: source("./runtime/testing/vitest.ts") },
      { find: /^tsbpf\/testing$/, replacement: source("./runtime/testing/index.ts") },
      { find: /^tsbpf$/, replacement: source("./stdlib/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts", "runtime/**/*.test.ts", "compiler/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Kernel tests share one bpf() namespace and tracefs; run files in a few forks, not threads,
    // so koffi's native state stays per process.
    pool: "forks",
  },
});
