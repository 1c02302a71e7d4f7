import { error, type Diagnostic } from "../diag/diagnostic.js";
import { CallSrc, LdImm64Src, Op, slotIndex, type Instruction } from "../isa/index.js";
import { ObjectCode } from "./codes.js";
import { functionAtSlot, type CodeFunction, type CodeSection } from "./code.js";
import type { SectionReloc } from "./relocate.js";
import type { Relocation } from "./spec.js";

/** A function copied into a program, and the program index of its first instruction. */
export interface PlacedFunction {
  readonly fn: CodeFunction;
  readonly start: number;
}

export interface LinkedProgram {
  readonly instructions: Instruction[];
  readonly relocations: Relocation[];
  readonly placed: readonly PlacedFunction[];
}

/**
 * Links one program the way libbpf's bpf_object__relocate_calls / bpf_object__reloc_code do:
 * the entry function first, then every function it reaches through BPF-to-BPF calls or function
 * pointers (bpf_loop callbacks), each appended once, depth-first in call order; finally every
 * `call` and `lddw` function pointer gets imm = target start − (own slot + 1), in slots.
 *
 * The instructions come out in the kernel's form for what remains to resolve at load time: a map
 * reference is `lddw` src = BPF_PSEUDO_MAP_FD, imm = 0; global data is src = BPF_PSEUDO_MAP_VALUE,
 * imm = 0, immHi = offset; a kfunc call has src = BPF_PSEUDO_KFUNC_CALL. The relocation list
 * names the map, data section or kfunc for each (by instruction index); `call` and `func`
 * relocations are informational — their immediates are final.
 */
export function linkProgram(
  entry: CodeFunction,
  relocs: ReadonlyMap<CodeSection, ReadonlyMap<number, SectionReloc>>,
  diagnostics: Diagnostic[],
): LinkedProgram | undefined {
  const instructions: Instruction[] = [];
  const relocations: Relocation[] = [];
  const placed: PlacedFunction[] = [];
  const startOf = new Map<CodeFunction, number>();
  const fixups: Array<{ at: number; target: CodeFunction }> = [];
  let failed = false;

  /** Copies a function to the end of the program; returns the calls it makes, in order. */
  const append = (fn: CodeFunction): Array<{ at: number; target: CodeFunction }> => {
    const code = fn.section;
    const sectionRelocs = relocs.get(code);
    const calls: Array<{ at: number; target: CodeFunction }> = [];
    startOf.set(fn, instructions.length);
    placed.push({ fn, start: instructions.length });
    for (let i = fn.first; i < fn.end; i++) {
      let insn = code.insns[i]!;
      const at = instructions.length;
      const r = sectionRelocs?.get(i);
      if (r) {
        const meta = {
          ...insn.meta,
          reloc: {
            symbol: r.symbol,
            type: r.elfType,
            ...(r.symbolSection ? { section: r.symbolSection } : {}),
          },
        };
        switch (r.kind) {
          case "map":
            insn = { ...insn, src: LdImm64Src.MAP_FD, imm: 0, immHi: 0, meta };
            relocations.push({ insn: at, target: { kind: "map", map: r.map } });
            break;
          case "mapValue":
            insn = { ...insn, src: LdImm64Src.MAP_VALUE, imm: 0, immHi: r.offset, meta };
            relocations.push({ insn: at, target: { kind: "mapValue", map: r.map, offset: r.offset } });
            break;
          case "kfunc":
            insn = { ...insn, src: CallSrc.KFUNC, meta };
            relocations.push({ insn: at, target: { kind: "kfunc", name: r.name } });
            break;
          case "call":
          case "func":
            insn = r.kind === "func" ? { ...insn, src: LdImm64Src.FUNC, immHi: 0, meta } : { ...insn, meta };
            relocations.push({ insn: at, target: { kind: r.kind, function: r.target.name } });
            calls.push({ at, target: r.target });
            break;
        }
      } else if (insn.opcode === Op.CALL && insn.src === CallSrc.LOCAL) {
        // A call to a static function of the same section needs no relocation: imm is already
        // relative to the call's own slot (libbpf reloc_code, the `!relo` case).
        const targetSlot = code.slots[i]! + insn.imm + 1;
        const target = functionAtSlot(code, targetSlot);
        if (!target) {
          diagnostics.push(
            error(
              ObjectCode.BAD_CALL_TARGET,
              `call at ${code.section.name}+${code.slots[i]! * 8} (in '${fn.name}') targets slot ${targetSlot}, which starts no function`,
              { byteOffset: code.section.offset + code.slots[i]! * 8 },
            ),
          );
          failed = true;
        } else {
          relocations.push({ insn: at, target: { kind: "call", function: target.name } });
          calls.push({ at, target });
        }
      } else if (insn.opcode === Op.LDDW && insn.src === LdImm64Src.FUNC) {
        diagnostics.push(
          error(ObjectCode.BAD_RELOCATION, `function pointer lddw in '${fn.name}' has no relocation`, {
            byteOffset: code.section.offset + code.slots[i]! * 8,
          }),
        );
        failed = true;
      }
      instructions.push(insn);
    }
    return calls;
  };

  // Depth-first, like libbpf's recursion: a subprogram is appended when first called and its own
  // calls are resolved before the caller's next call.
  const stack = [{ calls: append(entry), next: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.calls.length) {
      stack.pop();
      continue;
    }
    const call = frame.calls[frame.next++]!;
    fixups.push(call);
    if (!startOf.has(call.target)) stack.push({ calls: append(call.target), next: 0 });
  }
  if (failed) return undefined;
  const slots = slotIndex(instructions);
  for (const { at, target } of fixups) {
    const insn = instructions[at]!;
    instructions[at] = { ...insn, imm: slots[startOf.get(target)!]! - slots[at]! - 1 };
  }
  return { instructions, relocations, placed };
}
