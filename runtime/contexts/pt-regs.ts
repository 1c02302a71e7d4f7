import type { AccessPolicy, Memory } from "../vm/memory.js";
import { describeOffset, sequential } from "./fields.js";

/** x86_64 struct pt_regs (arch/x86/include/asm/ptrace.h), 21 unsigned longs. */
export const PT_REGS_NAMES = [
  "r15",
  "r14",
  "r13",
  "r12",
  "bp",
  "bx",
  "r11",
  "r10",
  "r9",
  "r8",
  "ax",
  "cx",
  "dx",
  "si",
  "di",
  "orig_ax",
  "ip",
  "cs",
  "flags",
  "sp",
  "ss",
] as const;
export type PtRegName = (typeof PT_REGS_NAMES)[number];
export const PT_REGS_FIELDS = sequential(
  0,
  PT_REGS_NAMES.map((n) => [n, 8] as const),
);
export const PT_REGS_SIZE = 168;
/** Argument registers of the x86_64 SysV ABI, in order (PT_REGS_PARM1..6). */
export const PT_REGS_ARGS: readonly PtRegName[] = ["di", "si", "dx", "cx", "r8", "r9"];

export interface PtRegsInput {
  /** Registers by name (`di`, `ip`, ...; the `r`-prefixed forms `rdi`, `rip` are accepted too). */
  readonly regs?: Readonly<Partial<Record<string, bigint | number>>>;
  /** Function arguments: set di, si, dx, cx, r8, r9 in order. */
  readonly args?: ReadonlyArray<bigint | number>;
  /** Return value (uretprobes): sets ax. */
  readonly ret?: bigint | number;
}

const ALIASES: Readonly<Record<string, PtRegName>> = {
  rdi: "di",
  rsi: "si",
  rdx: "dx",
  rcx: "cx",
  rax: "ax",
  rbx: "bx",
  rbp: "bp",
  rsp: "sp",
  rip: "ip",
};

/** The register name `name` stands for, or undefined. */
export function ptRegName(name: string): PtRegName | undefined {
  if ((PT_REGS_NAMES as readonly string[]).includes(name)) return name as PtRegName;
  return ALIASES[name];
}

const policy: AccessPolicy = {
  // kernel: kprobe_prog_is_valid_access
  check(offset, size, write) {
    const field = describeOffset(PT_REGS_FIELDS, offset);
    if (write) return `pt_regs is read-only (write of ${size} bytes at ${field})`;
    if (offset % size !== 0) return `${size}-byte read at ${field} is not aligned to its size`;
    if (offset + size > PT_REGS_SIZE) return `read of ${size} bytes at ${field} goes past pt_regs`;
    return undefined;
  },
};

/**
 * A kprobe/uprobe context: x86_64 struct pt_regs with the given registers (others 0).
 * Unknown register names are refused with a RangeError naming them.
 */
export function ptRegsContext(mem: Memory, input: PtRegsInput): bigint {
  const bytes = new Uint8Array(PT_REGS_SIZE);
  const view = new DataView(bytes.buffer);
  const set = (name: PtRegName, v: bigint | number) =>
    view.setBigUint64(PT_REGS_NAMES.indexOf(name) * 8, BigInt.asUintN(64, BigInt(v)), true);
  (input.args ?? []).forEach((v, i) => {
    const r = PT_REGS_ARGS[i];
    if (!r) throw new RangeError(`pt_regs carries at most ${PT_REGS_ARGS.length} arguments`);
    set(r, v);
  });
  if (input.ret !== undefined) set("ax", input.ret);
  for (const [name, v] of Object.entries(input.regs ?? {})) {
    const r = ptRegName(name);
    if (!r)
      throw new RangeError(`pt_regs has no register '${name}' (registers: ${PT_REGS_NAMES.join(", ")})`);
    if (v !== undefined) set(r, v);
  }
  return mem.add(bytes, { kind: "ctx", name: "pt_regs", writable: false, policy }).address(0);
}
