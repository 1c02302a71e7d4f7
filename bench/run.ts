/**
 * `npm run bench [-- section ...]`: runs the benchmark sections in one process, each printing
 * ratios against a reference measured in the same run (the kernel, clang, plain JS) or stated in
 * ../shared/bench/README.md. Sections: vm, verifier, testing, compiler. Timings are printed, never asserted.
 */
const SECTIONS: Readonly<Record<string, string>> = {
  vm: "./vm.js",
  verifier: "./verifier.js",
  testing: "./testing.js",
  compiler: "./compiler.js",
  "run-launch": "./run-launch.js",
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in SECTIONS));
if (unknown.length) {
  console.error(
    `unknown bench section(s): ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`,
  );
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) {
  console.log(`\n== ${name} ==`);
  const started = Date.now();
  await import(SECTIONS[name]!);
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
