import type { Addr, Inst, Operand, Terminator, VReg } from "./ir.js";

/** Registers an instruction reads and writes; the one place passes and the allocator learn that. */

function opRegs(o: Operand, out: VReg[]): void {
  if (o.kind === "reg") out.push(o.reg);
}
function addrRegs(a: Addr, out: VReg[]): void {
  if (a.kind === "reg") out.push(a.reg);
}

export function usesOf(i: Inst | Terminator): VReg[] {
  const out: VReg[] = [];
  switch (i.op) {
    case "param":
    case "ldmap":
    case "ldglobal":
    case "ldfunc":
    case "jmp":
      break;
    case "mov":
      opRegs(i.src, out);
      break;
    case "alu":
      opRegs(i.a, out);
      opRegs(i.b, out);
      break;
    case "neg":
      out.push(i.a);
      break;
    case "ext":
    case "bswap":
      out.push(i.src);
      break;
    case "load":
    case "addr":
      addrRegs(i.addr, out);
      break;
    case "store":
      addrRegs(i.addr, out);
      opRegs(i.src, out);
      break;
    case "atomic":
      addrRegs(i.addr, out);
      out.push(i.src);
      break;
    case "call":
      for (const a of i.args) opRegs(a, out);
      break;
    case "br":
      out.push(i.a);
      opRegs(i.b, out);
      break;
    case "ret":
      opRegs(i.value, out);
      break;
  }
  return out;
}

export function defOf(i: Inst | Terminator): VReg | undefined {
  switch (i.op) {
    case "param":
    case "mov":
    case "alu":
    case "neg":
    case "ext":
    case "bswap":
    case "load":
    case "addr":
    case "ldmap":
    case "ldglobal":
    case "ldfunc":
      return i.dst;
    case "call":
      return i.dst;
    default:
      return undefined;
  }
}

/** Whether removing the instruction (when its result is unused) changes behaviour. */
export function hasSideEffects(i: Inst): boolean {
  return i.op === "store" || i.op === "atomic" || i.op === "call" || i.op === "param";
}

/** Rewrites every register an instruction reads through `f`. */
export function mapUses<T extends Inst | Terminator>(i: T, f: (o: Operand) => Operand): T {
  const reg = (r: VReg): VReg => {
    const o = f({ kind: "reg", reg: r });
    return o.kind === "reg" ? o.reg : r;
  };
  const addr = (a: Addr): Addr => (a.kind === "reg" ? { ...a, reg: reg(a.reg) } : a);
  const x = i as Inst | Terminator;
  switch (x.op) {
    case "mov":
      return { ...x, src: f(x.src) } as T;
    case "alu":
      return { ...x, a: f(x.a), b: f(x.b) } as T;
    case "neg":
      return { ...x, a: reg(x.a) } as T;
    case "ext":
    case "bswap":
      return { ...x, src: reg(x.src) } as T;
    case "load":
    case "addr":
      return { ...x, addr: addr(x.addr) } as T;
    case "store":
      return { ...x, addr: addr(x.addr), src: f(x.src) } as T;
    case "atomic":
      return { ...x, addr: addr(x.addr), src: reg(x.src) } as T;
    case "call":
      return { ...x, args: x.args.map(f) } as T;
    case "br": {
      const b = f(x.b);
      return { ...x, a: reg(x.a), b } as T;
    }
    case "ret":
      return { ...x, value: f(x.value) } as T;
    default:
      return i;
  }
}

/** Rewrites the register an instruction writes. */
export function mapDef<T extends Inst>(i: T, f: (r: VReg) => VReg): T {
  const d = defOf(i);
  if (d === undefined) return i;
  return { ...i, dst: f(d) } as T;
}
