import { LdImm64Src } from "../../runtime/isa/index.js";
import type { CollectionSpec, ProgramSpec } from "../../runtime/object/spec.js";

/**
 * A CollectionSpec reduced to what must survive writing and reading back: instructions (without
 * metadata; a relocated lddw in the kernel's pseudo form, since the compiler puts a global's
 * offset in imm and the reader in immHi — the relocation says which), relocations, line and
 * function info, maps, data and the license. BTF type ids and raw BTF bytes are not compared.
 */
export function comparable(spec: CollectionSpec) {
  return {
    license: spec.license,
    programs: spec.programs.map(comparableProgram),
    maps: spec.maps.map((m) => ({
      name: m.name,
      type: m.type,
      keySize: m.keySize,
      valueSize: m.valueSize,
      maxEntries: m.maxEntries,
      flags: m.flags,
      pinning: m.pinning ?? 0,
    })),
    data: spec.data
      .filter((d) => d.bytes.length > 0)
      .map((d) => ({
        name: d.name,
        bytes: Buffer.from(d.bytes).toString("hex"),
        readOnly: d.readOnly,
        variables: [...d.variables].sort((a, b) => a.offset - b.offset),
      })),
  };
}

export function comparableProgram(p: ProgramSpec) {
  const relocAt = new Map(p.relocations.map((r) => [r.insn, r.target]));
  return {
    name: p.name,
    section: p.section,
    type: p.type,
    attachTo: p.attachTo,
    expectedAttachType: p.expectedAttachType,
    flags: p.flags ?? 0,
    license: p.license,
    instructions: p.instructions.map((i, n) => {
      const base = { opcode: i.opcode, dst: i.dst, src: i.src, off: i.off, imm: i.imm, immHi: i.immHi };
      const r = relocAt.get(n);
      if (r?.kind === "map") return { ...base, src: LdImm64Src.MAP_FD, imm: 0, immHi: 0 };
      if (r?.kind === "mapValue") return { ...base, src: LdImm64Src.MAP_VALUE, imm: 0, immHi: 0 };
      return base;
    }),
    relocations: [...p.relocations].sort((a, b) => a.insn - b.insn),
    lineInfo: (p.lineInfo ?? []).map((l) => ({
      insn: l.insn,
      file: l.file,
      line: l.line,
      column: l.column,
      text: l.text,
    })),
    funcInfo: (p.funcInfo ?? []).map((f) => ({ insn: f.insn, name: f.name })),
  };
}
