import { BtfKind } from "../btf/kinds.js";
import { type Instruction, CallSrc, LdImm64Src, Op } from "../isa/index.js";
import type { Relocation } from "../object/spec.js";
import { type KernelResult, success, usageError } from "./errors.js";
import { vmlinuxTypeId } from "./vmlinux.js";

/** Gives the fd of a live map (or global data map) by the name a relocation uses. */
export type MapFdResolver = (name: string) => number | undefined;

/**
 * Fills in what a spec's relocations leave open, in the kernel's load-time form
 * (include/uapi/linux/bpf.h, "When BPF ldimm64's insn[0].src_reg != 0"):
 * - map:      lddw src = BPF_PSEUDO_MAP_FD,    imm = map fd
 * - mapValue: lddw src = BPF_PSEUDO_MAP_VALUE, imm = map fd, next imm (immHi) = offset in the value
 * - kfunc:    call src = BPF_PSEUDO_KFUNC_CALL, imm = vmlinux BTF id of the FUNC
 * `call` and `func` relocations are already final (object/link.ts) and are left alone.
 * A `lddw` MAP_FD that names its map only through `meta.reloc.symbol` (hand-built programs,
 * compiler output without a relocation list) is patched too when the resolver knows the symbol.
 */
export function patchRelocations(
  instructions: readonly Instruction[],
  relocations: readonly Relocation[],
  resolveMap: MapFdResolver,
  programName = "program",
): KernelResult<Instruction[]> {
  const out = instructions.slice();
  const done = new Set<number>();
  for (const r of relocations) {
    const insn = out[r.insn];
    if (!insn) return usageError(`${programName}: relocation at instruction ${r.insn} is past the end`);
    const t = r.target;
    switch (t.kind) {
      case "map":
      case "mapValue": {
        if (insn.opcode !== Op.LDDW)
          return usageError(`${programName}: map relocation at ${r.insn} is not on a lddw`);
        const fd = resolveMap(t.map);
        if (fd === undefined)
          return usageError(
            `${programName}: instruction ${r.insn} refers to map '${t.map}', which the collection does not have`,
            2,
          );
        out[r.insn] =
          t.kind === "map"
            ? { ...insn, src: LdImm64Src.MAP_FD, imm: fd, immHi: 0 }
            : { ...insn, src: LdImm64Src.MAP_VALUE, imm: fd, immHi: t.offset };
        done.add(r.insn);
        break;
      }
      case "kfunc": {
        const id = vmlinuxTypeId(t.name, BtfKind.FUNC);
        if (!id.ok) return usageError(`${programName}: kfunc '${t.name}': ${id.message}`, id.errno);
        out[r.insn] = { ...insn, src: CallSrc.KFUNC, imm: id.value, off: 0 };
        done.add(r.insn);
        break;
      }
      case "call":
      case "func":
        break;
    }
  }
  for (let i = 0; i < out.length; i++) {
    const insn = out[i]!;
    if (done.has(i) || insn.opcode !== Op.LDDW || !insn.meta?.reloc) continue;
    if (insn.src !== LdImm64Src.MAP_FD) continue;
    const fd = resolveMap(insn.meta.reloc.symbol);
    if (fd !== undefined) out[i] = { ...insn, imm: fd };
  }
  return success(out);
}
