import { existsSync, readFileSync } from "node:fs";
import { findByName, readBtf, typeById, type Btf } from "../../runtime/btf/index.js";

/**
 * Facts about kernel functions from the running kernel's BTF (/sys/kernel/btf/vmlinux), read once
 * per process and only when a program needs them.
 */
const VMLINUX = "/sys/kernel/btf/vmlinux";
let vmlinux: Btf | null | undefined;

function load(): Btf | undefined {
  if (vmlinux === undefined) {
    vmlinux = null;
    if (existsSync(VMLINUX)) {
      const r = readBtf(new Uint8Array(readFileSync(VMLINUX)));
      if (r.ok) vmlinux = r.value;
    }
  }
  return vmlinux ?? undefined;
}

/**
 * How many arguments kernel function `name` takes: an fexit program finds the return value in the
 * context slot after them (kernel: bpf_trampoline stores args then the return value; libbpf's
 * BPF_PROG macro reads it as ctx[nr_args]). Undefined when the function or the BTF is unknown.
 */
export function kernelFunctionArgCount(name: string): number | undefined {
  const btf = load();
  if (!btf) return undefined;
  const id = findByName(btf, name, "func");
  const fn = id !== undefined ? typeById(btf, id) : undefined;
  if (!fn || fn.kind !== "func") return undefined;
  const proto = typeById(btf, fn.type);
  return proto?.kind === "func_proto" ? proto.params.length : undefined;
}
