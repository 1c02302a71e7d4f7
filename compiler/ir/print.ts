import type { Addr, Inst, IrFunction, Operand, Terminator } from "./ir.js";

/** Text form of the IR for tests and `--dump-ir`. */

const op = (o: Operand): string => (o.kind === "reg" ? `v${o.reg}` : `${BigInt.asIntN(64, o.value)}`);
const addr = (a: Addr): string =>
  a.kind === "reg" ? `[v${a.reg}${a.off >= 0 ? "+" : ""}${a.off}]` : `[slot${a.slot}+${a.off}]`;

export function printInst(i: Inst | Terminator): string {
  switch (i.op) {
    case "param":
      return `v${i.dst} = param ${i.index}`;
    case "mov":
      return `v${i.dst} = mov${i.w} ${op(i.src)}`;
    case "alu":
      return `v${i.dst} = ${i.alu}${i.w} ${op(i.a)}, ${op(i.b)}`;
    case "neg":
      return `v${i.dst} = neg${i.w} v${i.a}`;
    case "ext":
      return `v${i.dst} = ${i.signed ? "sext" : "zext"}${i.bits} v${i.src}`;
    case "bswap":
      return `v${i.dst} = bswap${i.bits} v${i.src}`;
    case "load":
      return `v${i.dst} = load${i.size * 8} ${addr(i.addr)}`;
    case "store":
      return `store${i.size * 8} ${addr(i.addr)}, ${op(i.src)}`;
    case "atomic":
      return `atomic_${i.aop}${i.size * 8} ${addr(i.addr)}, v${i.src}`;
    case "addr":
      return `v${i.dst} = addr ${addr(i.addr)}`;
    case "ldmap":
      return `v${i.dst} = map ${i.map}`;
    case "ldglobal":
      return `v${i.dst} = global ${i.section}+${i.offset}`;
    case "call":
      return `${i.dst !== undefined ? `v${i.dst} = ` : ""}call ${i.local ?? i.helper}(${i.args.map(op).join(", ")})`;
    case "ldfunc":
      return `v${i.dst} = func ${i.fn}`;
    case "jmp":
      return `jmp b${i.target}`;
    case "br":
      return `br ${i.cmp}${i.w} v${i.a}, ${op(i.b)} ? b${i.then} : b${i.else}`;
    case "ret":
      return `ret ${op(i.value)}`;
  }
}

export function printFunction(fn: IrFunction): string {
  const lines = [`function ${fn.name}:`];
  fn.slots.forEach((s, n) => lines.push(`  slot${n}: ${s.size} bytes, align ${s.align} (${s.name})`));
  for (const b of fn.blocks) {
    if (!b) continue;
    lines.push(`b${b.id}:`);
    for (const i of b.insts) lines.push(`  ${printInst(i)}`);
    lines.push(`  ${printInst(b.term)}`);
  }
  return lines.join("\n");
}
