import { readFileSync } from "node:fs";
import { BtfKind } from "../btf/kinds.js";
import { btfNameIndex } from "./btf-fixup.js";
import { type KernelResult, success, usageError } from "./errors.js";

const VMLINUX_BTF = "/sys/kernel/btf/vmlinux";
let index: KernelResult<Map<string, Array<{ id: number; kind: number }>>> | undefined;

/** The running kernel's BTF (/sys/kernel/btf/vmlinux), indexed by name once per process. */
function vmlinuxIndex(): KernelResult<Map<string, Array<{ id: number; kind: number }>>> {
  if (index) return index;
  try {
    index = success(btfNameIndex(new Uint8Array(readFileSync(VMLINUX_BTF))));
  } catch (e) {
    index = usageError(
      `cannot read ${VMLINUX_BTF} (kernel without CONFIG_DEBUG_INFO_BTF?): ${(e as Error).message}`,
      2,
    );
  }
  return index;
}

/** The vmlinux BTF id of the type `name` of `kind` (BtfKind.*). */
export function vmlinuxTypeId(name: string, kind: number): KernelResult<number> {
  const idx = vmlinuxIndex();
  if (!idx.ok) return idx;
  const hit = idx.value.get(name)?.find((e) => e.kind === kind);
  if (!hit) return usageError(`no ${kindName(kind)} '${name}' in vmlinux BTF`, 2);
  return success(hit.id);
}

function kindName(kind: number): string {
  const entry = Object.entries(BtfKind).find(([, k]) => k === kind);
  return entry ? entry[0] : `kind ${kind}`;
}
