import { existsSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { findByName, readBtf, typeSize } from "../../runtime/btf/index.js";

/**
 * The running kernel's BTF is a raw blob (no ELF around it); reading it must work and be quick
 * enough to do on every `tsbpf run`. The time is printed, never asserted.
 */
const VMLINUX = "/sys/kernel/btf/vmlinux";
const present = existsSync(VMLINUX);
if (!present) console.log(`btf: ${VMLINUX} absent; vmlinux read test skipped`);

it.skipIf(!present)("reads /sys/kernel/btf/vmlinux", () => {
  const bytes = new Uint8Array(readFileSync(VMLINUX));
  const start = performance.now();
  const r = readBtf(bytes);
  const ms = performance.now() - start;
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  console.log(
    `btf: vmlinux ${bytes.length} bytes, ${r.value.types.length - 1} types read in ${ms.toFixed(0)} ms`,
  );
  expect(r.value.types.length).toBeGreaterThan(10_000);
  // Types the loader and verifier look up by name.
  for (const name of ["task_struct", "xdp_md", "__sk_buff", "pt_regs", "trace_event_raw_sys_enter"]) {
    const id = findByName(r.value, name, "struct");
    expect(id, name).toBeDefined();
    expect(typeSize(r.value, id!), name).toBeGreaterThan(0);
  }
});
