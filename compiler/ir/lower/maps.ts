import { Node } from "ts-morph";
import { sizeOf, type Layout, type StructLayout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { describeLayout, dslOfLayout } from "../../frontend/dsl-types.js";
import { I64, U32, U64, type IntType } from "../../frontend/int-types.js";
import type { MapDecl } from "../../frontend/module.js";
import { imm, reg, type Addr, type Operand, type VReg } from "../ir.js";
import { initObject, lowerExpr, load, rvalue, sameLayout, storeInto } from "./expressions.js";
import { MapType } from "../../../runtime/uapi/bpf.js";
import { HelperId } from "./helpers.js";
import { offsetAddr, type Lowerer } from "./lowerer.js";
import { ERROR, type NullTest, type Value } from "./values.js";

/** Map methods, lowered to the kernel's map helpers with keys and values on the stack. */

const BPF_NOEXIST = 1;
const EEXIST = 17;
const BPF_F_CURRENT_CPU = 0xffffffffn;

function mapReg(L: Lowerer, map: MapDecl): VReg {
  const r = L.newReg();
  L.b.emit({ op: "ldmap", dst: r, map: map.name });
  return r;
}

function call(L: Lowerer, helper: number, args: Operand[]): VReg {
  const dst = L.newReg();
  L.b.emit({ op: "call", helper, args, dst });
  return dst;
}

/** A pointer to memory holding `node`'s value laid out as `layout` (stack copy when needed). */
function pointerTo(L: Lowerer, node: Node, layout: Layout, what: string): VReg | undefined {
  if (Node.isObjectLiteralExpression(node)) {
    const addr = L.stackObject(layout, what, node, false);
    initObject(L, { kind: "place", layout, addr, region: "stack", readOnly: false }, node);
    return L.addressOf(addr);
  }
  const v = load(L, lowerExpr(L, node));
  if (v.kind === "error") return undefined;
  if (layout.kind === "int" || layout.kind === "bool") {
    const c = layout.kind === "int" ? L.convert(v, dslOfLayout(layout) as IntType, node) : v;
    if (c.kind !== "int" && c.kind !== "bool") {
      if (c.kind !== "error")
        L.error(Code.OPERAND_TYPE, node, `expected ${describeLayout(layout)} as the ${what}`);
      return undefined;
    }
    const addr = L.stackObject(layout, what, node, false);
    L.store(layout.kind === "int" ? layout.size : 1, addr, c.op);
    return L.addressOf(addr);
  }
  if (v.kind === "place" && sameLayout(v.layout, layout)) {
    if (v.region === "stack" || v.region === "map" || v.region === "percpu") return L.addressOf(v.addr);
    const addr = L.stackObject(layout, what, node, false);
    L.copy(addr, v.addr, sizeOf(layout), 1);
    return L.addressOf(addr);
  }
  if (v.kind === "ptr" && !v.cell && sameLayout(v.layout, layout) && v.region !== "packet") return v.reg;
  L.error(
    Code.OPERAND_TYPE,
    node,
    `expected ${describeLayout(layout)} as the ${what}, found ${L.describe(v)}`,
  );
  return undefined;
}

function ctxArg(L: Lowerer, node: Node | undefined, method: string): boolean {
  if (!node) return false;
  const v = lowerExpr(L, node);
  if (v.kind !== "ctx") {
    if (v.kind !== "error")
      L.error(Code.OPERAND_TYPE, node, `${method} needs the program's ctx as its first argument`);
    return false;
  }
  return true;
}

function flagsArg(L: Lowerer, node: Node | undefined, fallback: bigint = 0n): Operand | undefined {
  if (!node) return imm(fallback);
  const v = L.convert(rvalue(L, node), U64, node);
  return v.kind === "int" ? v.op : undefined;
}

export function mapMethod(L: Lowerer, map: MapDecl, method: string, args: Node[], node: Node): Value {
  const keyed = [
    "HashMap",
    "PerCpuHashMap",
    "LruHashMap",
    "LruPerCpuHashMap",
    "ArrayMap",
    "PerCpuArrayMap",
  ].includes(map.cls);
  if (keyed && map.key && map.value) return keyedMethod(L, map, map.key, map.value, method, args, node);
  switch (map.cls) {
    case "RingBuf":
      return ringbufMethod(L, map, method, args, node);
    case "PerfEventArray": {
      if (method !== "output" || !map.value) break;
      if (!ctxArg(L, args[0], "output")) return ERROR;
      const rec = args[1] ? pointerTo(L, args[1], map.value, "record") : undefined;
      const flags = flagsArg(L, args[2], BPF_F_CURRENT_CPU);
      if (rec === undefined || !flags) return ERROR;
      const r = call(L, HelperId.PERF_EVENT_OUTPUT, [
        reg(L.ctxReg),
        reg(mapReg(L, map)),
        flags,
        reg(rec),
        imm(sizeOf(map.value)),
      ]);
      return { kind: "int", type: I64, op: reg(r) };
    }
    case "ProgArray": {
      if (method !== "tailCall") break;
      if (!ctxArg(L, args[0], "tailCall")) return ERROR;
      const idx = args[1] ? L.convert(rvalue(L, args[1]), U32, args[1]) : ERROR;
      if (idx.kind !== "int") return ERROR;
      const r = call(L, HelperId.TAIL_CALL, [reg(L.ctxReg), reg(mapReg(L, map)), idx.op]);
      return { kind: "int", type: I64, op: reg(r) };
    }
    case "StackTraceMap": {
      if (method !== "getStackId") break;
      if (!ctxArg(L, args[0], "getStackId")) return ERROR;
      const flags = flagsArg(L, args[1]);
      if (!flags) return ERROR;
      const r = call(L, HelperId.GET_STACKID, [reg(L.ctxReg), reg(mapReg(L, map)), flags]);
      return { kind: "int", type: I64, op: reg(r) };
    }
    case "Queue":
    case "Stack": {
      if (!map.value) return ERROR;
      if (method === "push") {
        const v = args[0] ? pointerTo(L, args[0], map.value, "value") : undefined;
        const flags = flagsArg(L, args[1]);
        if (v === undefined || !flags) return ERROR;
        const r = call(L, HelperId.MAP_PUSH_ELEM, [reg(mapReg(L, map)), reg(v), flags]);
        return { kind: "int", type: I64, op: reg(r) };
      }
      if (method === "pop" || method === "peek") {
        if (map.value.kind !== "int") {
          // the helper fills a stack buffer (kernel: ARG_PTR_TO_MAP_VALUE | MEM_UNINIT) and returns 0
          const slot = L.stackObject(map.value, "value", node, false);
          const ptr = L.addressOf(slot);
          const r = call(L, method === "pop" ? HelperId.MAP_POP_ELEM : HelperId.MAP_PEEK_ELEM, [
            reg(mapReg(L, map)),
            reg(ptr),
          ]);
          return {
            kind: "ptr",
            reg: ptr,
            layout: map.value,
            region: "stack",
            cell: false,
            nullIf: { cmp: "ne", a: r, b: imm(0) },
          };
        }
        const addr = L.stackObject(map.value, "value", node);
        const r = call(L, method === "pop" ? HelperId.MAP_POP_ELEM : HelperId.MAP_PEEK_ELEM, [
          reg(mapReg(L, map)),
          reg(L.addressOf(addr)),
        ]);
        // present when the helper returned 0
        const type = dslOfLayout(map.value) as IntType;
        return {
          kind: "opt",
          absentIf: { cmp: "ne", a: r, b: imm(0) },
          value: { kind: "int", type, op: L.load(map.value.size, addr, type) },
        };
      }
      break;
    }
    case "Histogram":
    case "KeyedHistogram":
      if (method === "record") return histogramRecord(L, map, args, node);
      break;
    default:
      break;
  }
  return L.error(Code.UNKNOWN_CALL, node, `${map.cls} has no method \`${method}\` the compiler supports`);
}

function keyedMethod(
  L: Lowerer,
  map: MapDecl,
  key: Layout,
  value: Layout,
  method: string,
  args: Node[],
  node: Node,
): Value {
  const scalar = value.kind === "int" || value.kind === "bool";
  const keyPtr = (): VReg | undefined => (args[0] ? pointerTo(L, args[0], key, "key") : undefined);
  switch (method) {
    case "lookup": {
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(k)]);
      return { kind: "ptr", reg: p, layout: value, region: map.perCpu ? "percpu" : "map", cell: scalar };
    }
    case "get": {
      const k0 = scalar ? undefined : keyPtr();
      if (!scalar) {
        // a stack copy of the struct, made only when the key is present
        if (k0 === undefined) return ERROR;
        const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(k0)]);
        return copyOut(L, value, { cmp: "eq", a: p, b: imm(0) }, node, (slot) =>
          L.copy(slot, { kind: "reg", reg: p, off: 0 }, sizeOf(value), 8),
        );
      }
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(k)]);
      const out = L.newReg();
      const found = L.b.newBlock().id;
      const join = L.b.newBlock().id;
      L.b.emit({ op: "mov", dst: out, src: imm(0), w: 64 });
      L.b.terminate({ op: "br", cmp: "ne", w: 64, a: p, b: imm(0), then: found, else: join });
      L.b.switchTo(found);
      const t = value.kind === "bool" ? ({ kind: "bool" } as const) : (dslOfLayout(value) as IntType);
      const v = L.load(value.kind === "int" ? value.size : 1, { kind: "reg", reg: p, off: 0 }, t);
      L.b.emit({ op: "mov", dst: out, src: v, w: 64 });
      L.b.jump(join);
      L.b.switchTo(join);
      const inner: Value =
        t.kind === "bool" ? { kind: "bool", op: reg(out) } : { kind: "int", type: t, op: reg(out) };
      return { kind: "opt", absentIf: { cmp: "eq", a: p, b: imm(0) }, value: inner };
    }
    case "has": {
      // a real 0/1 bool; as a condition it branches on the lookup's result directly
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(k)]);
      const out = L.newReg();
      const yes = L.b.newBlock().id;
      const join = L.b.newBlock().id;
      L.b.emit({ op: "mov", dst: out, src: imm(0), w: 64 });
      L.b.terminate({ op: "br", cmp: "ne", w: 64, a: p, b: imm(0), then: yes, else: join });
      L.b.switchTo(yes);
      L.b.emit({ op: "mov", dst: out, src: imm(1), w: 64 });
      L.b.jump(join);
      L.b.switchTo(join);
      return { kind: "bool", op: reg(out), test: { cmp: "ne", a: p, b: imm(0) } };
    }
    case "set": {
      const k = keyPtr();
      const v = args[1] ? pointerTo(L, args[1], value, "value") : undefined;
      const flags = flagsArg(L, args[2]);
      if (k === undefined || v === undefined || !flags) return ERROR;
      const r = call(L, HelperId.MAP_UPDATE_ELEM, [reg(mapReg(L, map)), reg(k), reg(v), flags]);
      return { kind: "int", type: I64, op: reg(r) };
    }
    case "delete": {
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const r = call(L, HelperId.MAP_DELETE_ELEM, [reg(mapReg(L, map)), reg(k)]);
      return { kind: "int", type: I64, op: reg(r) };
    }
    case "increment": {
      if (value.kind !== "int")
        return L.error(Code.OPERAND_TYPE, node, "increment() needs an integer value type");
      if (!map.perCpu && value.size < 4)
        return L.error(
          Code.VALUE_WIDTH,
          node,
          `increment() adds atomically, which needs a 32- or 64-bit value, not ${describeLayout(value)}`,
          "declare the map's value as u32 or u64 (or use a per-CPU map)",
        );
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const t = dslOfLayout(value) as IntType;
      const by = args[1]
        ? L.convert(rvalue(L, args[1]), t, args[1])
        : ({ kind: "int", type: t, op: imm(1) } as Value);
      if (by.kind !== "int") return ERROR;
      increment(L, map, k, value.size as 1 | 2 | 4 | 8, by.op, node);
      return { kind: "void" };
    }
  }
  return L.error(Code.UNKNOWN_CALL, node, `${map.cls} has no method \`${method}\``);
}

/**
 * Adds `by` to the value under key: lookup and atomic add; when absent insert `by` with
 * BPF_NOEXIST, and when another CPU inserted first (-EEXIST) add to its entry. Array maps have
 * every index, so they only add. Per-CPU maps add without atomics.
 */
function increment(L: Lowerer, map: MapDecl, key: VReg, size: 1 | 2 | 4 | 8, by: Operand, node: Node): void {
  const isArray = map.spec.type === MapType.ARRAY || map.spec.type === MapType.PERCPU_ARRAY;
  const done = L.b.newBlock().id;
  const add = (p: VReg): void => {
    const addr: Addr = { kind: "reg", reg: p, off: 0 };
    if (map.perCpu) {
      const old = L.newReg();
      L.b.emit({ op: "load", size, dst: old, addr });
      const sum = L.newReg();
      L.b.emit({ op: "alu", alu: "add", w: 64, dst: sum, a: reg(old), b: L.legal(by, 64) });
      L.b.emit({ op: "store", size, addr, src: reg(sum) });
    } else L.b.emit({ op: "atomic", aop: "add", size: size as 4 | 8, addr, src: L.inReg(by) }); // a constant is set right here, not kept across the lookup
  };
  const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(key)]);
  const found = L.b.newBlock().id;
  const missing = L.b.newBlock().id;
  L.b.terminate({ op: "br", cmp: "ne", w: 64, a: p, b: imm(0), then: found, else: isArray ? done : missing });
  L.b.switchTo(found);
  add(p);
  L.b.jump(done);
  if (!isArray) {
    L.b.switchTo(missing);
    const v = L.stackObject({ kind: "int", size, signed: false }, "value", node, false);
    L.store(size, v, by);
    const r = call(L, HelperId.MAP_UPDATE_ELEM, [
      reg(mapReg(L, map)),
      reg(key),
      reg(L.addressOf(v)),
      imm(BPF_NOEXIST),
    ]);
    const raced = L.b.newBlock().id;
    L.b.terminate({
      op: "br",
      cmp: "eq",
      w: 64,
      a: r,
      b: imm(BigInt.asUintN(64, BigInt(-EEXIST))),
      then: raced,
      else: done,
    });
    L.b.switchTo(raced);
    // the second lookup's entry is added to by the same code as the first's
    const p2 = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(key)]);
    L.b.emit({ op: "mov", dst: p, src: reg(p2), w: 64 });
    L.b.terminate({ op: "br", cmp: "ne", w: 64, a: p, b: imm(0), then: found, else: done });
  }
  L.b.switchTo(done);
}

/** A stack copy filled by `fill` when `absent` does not hold; the copy's address, null when absent. */
function copyOut(
  L: Lowerer,
  layout: Layout,
  absent: NullTest,
  node: Node,
  fill: (slot: Addr) => void,
): Value {
  const slot = L.stackObject(layout, "value", node, false);
  const ptr = L.addressOf(slot);
  const present = L.b.newBlock().id;
  const join = L.b.newBlock().id;
  L.b.terminate({ op: "br", cmp: absent.cmp, w: 64, a: absent.a, b: absent.b, then: join, else: present });
  L.b.switchTo(present);
  fill(slot);
  L.b.jump(join);
  L.b.switchTo(join);
  return { kind: "ptr", reg: ptr, layout, region: "stack", cell: false, nullIf: absent };
}

function ringbufMethod(L: Lowerer, map: MapDecl, method: string, args: Node[], node: Node): Value {
  const rec = map.value;
  if (!rec) return ERROR;
  switch (method) {
    case "reserve": {
      const p = call(L, HelperId.RINGBUF_RESERVE, [reg(mapReg(L, map)), imm(sizeOf(rec)), imm(0)]);
      return { kind: "ptr", reg: p, layout: rec, region: "ringbuf", cell: false };
    }
    case "submit":
    case "discard": {
      const v = args[0] ? lowerExpr(L, args[0]) : ERROR;
      if (v.kind === "error") return v;
      const p =
        v.kind === "ptr" && v.region === "ringbuf"
          ? v.reg
          : v.kind === "place" && v.region === "ringbuf" && v.addr.kind === "reg" && v.addr.off === 0
            ? v.addr.reg
            : undefined;
      if (p === undefined)
        return L.error(
          Code.OPERAND_TYPE,
          args[0] ?? node,
          `${method}() takes the record that reserve() returned`,
        );
      const flags = flagsArg(L, args[1]);
      if (!flags) return ERROR;
      call(L, method === "submit" ? HelperId.RINGBUF_SUBMIT : HelperId.RINGBUF_DISCARD, [reg(p), flags]);
      return { kind: "void" };
    }
    case "output": {
      const p = args[0] ? pointerTo(L, args[0], rec, "record") : undefined;
      const flags = flagsArg(L, args[1]);
      if (p === undefined || !flags) return ERROR;
      const r = call(L, HelperId.RINGBUF_OUTPUT, [reg(mapReg(L, map)), reg(p), imm(sizeOf(rec)), flags]);
      return { kind: "int", type: I64, op: reg(r) };
    }
  }
  return L.error(Code.UNKNOWN_CALL, node, `RingBuf has no method \`${method}\``);
}

/**
 * Histogram.record(value, times?) and KeyedHistogram.record(key, value, times?): the bucket
 * bpftrace's hist()/lhist() would use, then add. Keyed histograms key a hash map by
 * { key, bucket } as bpftrace keys `@h[key] = hist(v)`.
 */
function histogramRecord(L: Lowerer, map: MapDecl, args0: Node[], node: Node): Value {
  const scale = map.histogram;
  const keyed = map.cls === "KeyedHistogram";
  const args = keyed ? args0.slice(1) : args0;
  if (!scale || !args[0] || (keyed && !args0[0])) return ERROR;
  let keyAddr: Addr | undefined;
  if (keyed) {
    const kl = map.key as StructLayout;
    const userKey = kl.fields[0]!;
    keyAddr = L.stackObject(kl, "hist_key", node, false);
    const pad = new Uint8Array(sizeOf(kl));
    for (const f of kl.fields) pad.fill(1, f.offset, f.offset + sizeOf(f.layout));
    for (let off = 0; off < pad.length; ) {
      if (pad[off]) {
        off++;
        continue;
      }
      let end = off;
      while (end < pad.length && !pad[end]) end++;
      L.zeroRange(keyAddr, off, end);
      off = end;
    }
    const k = load(L, lowerExpr(L, args0[0]!));
    if (k.kind === "error") return ERROR;
    storeInto(
      L,
      { kind: "place", layout: userKey.layout, addr: keyAddr, region: "stack", readOnly: false },
      k,
      args0[0]!,
    );
  }
  const v = L.convert(rvalue(L, args[0]), I64, args[0]);
  if (v.kind !== "int") return ERROR;
  const times = args[1]
    ? L.convert(rvalue(L, args[1]), U64, args[1])
    : ({ kind: "int", type: U64, op: imm(1) } as Value);
  if (times.kind !== "int") return ERROR;
  const x = L.newReg();
  L.b.emit({ op: "mov", dst: x, src: v.op, w: 64 });
  const bucket = L.newReg();
  const done = L.b.newBlock().id;
  const branch = (cmp: "slt" | "sgt" | "eq", b: bigint, value: bigint): void => {
    const hit = L.b.newBlock().id;
    const next = L.b.newBlock().id;
    L.b.terminate({ op: "br", cmp, w: 64, a: x, b: L.legal(imm(b), 64), then: hit, else: next });
    L.b.switchTo(hit);
    L.b.emit({ op: "mov", dst: bucket, src: imm(value), w: 64 });
    L.b.jump(done);
    L.b.switchTo(next);
  };
  if (scale.kind === "log2") {
    // bucket 1: zero, 0: negative, k + 2: [2^k, 2^(k+1)). The bucket is set before each test so
    // a taken branch needs no block of its own: zero, the common small case, costs a mov and a jump.
    const nonZero = L.b.newBlock().id;
    const positive = L.b.newBlock().id;
    L.b.emit({ op: "mov", dst: bucket, src: imm(1), w: 64 });
    L.b.terminate({ op: "br", cmp: "eq", w: 64, a: x, b: imm(0), then: done, else: nonZero });
    L.b.switchTo(nonZero);
    L.b.emit({ op: "mov", dst: bucket, src: imm(0), w: 64 });
    L.b.terminate({ op: "br", cmp: "slt", w: 64, a: x, b: imm(0), then: done, else: positive });
    L.b.switchTo(positive);
    // 2 + floor(log2 x) without branches, so the verifier walks one path, not 2^6. Before the
    // step for s, 0 < x < 2^(2s) (x < 2^63 for s = 32), so (2^s - 1) - x cannot overflow and its
    // sign bit is 1 exactly when x >= 2^s; that bit times s is how far x shifts down and what
    // the bucket gains. 2^32 - 1 is one instruction (a 32-bit mov zero-extends).
    L.b.emit({ op: "mov", dst: bucket, src: imm(2), w: 64 });
    for (const s of [32n, 16n, 8n, 4n, 2n]) {
      const t = L.newReg();
      L.b.emit({ op: "alu", alu: "sub", w: 64, dst: t, a: imm((1n << s) - 1n), b: reg(x) });
      L.b.emit({ op: "alu", alu: "rsh", w: 64, dst: t, a: reg(t), b: imm(63) });
      L.b.emit({ op: "alu", alu: "lsh", w: 64, dst: t, a: reg(t), b: imm(BigInt(s.toString(2).length - 1)) });
      L.b.emit({ op: "alu", alu: "rsh", w: 64, dst: x, a: reg(x), b: reg(t) });
      L.b.emit({ op: "alu", alu: "add", w: 64, dst: bucket, a: reg(bucket), b: reg(t) });
    }
    const last = L.newReg(); // 0 < x < 4 now
    L.b.emit({ op: "alu", alu: "rsh", w: 64, dst: last, a: reg(x), b: imm(1) });
    L.b.emit({ op: "alu", alu: "add", w: 64, dst: bucket, a: reg(bucket), b: reg(last) });
    L.b.jump(done);
  } else {
    const { min, max, step } = scale;
    branch("slt", BigInt(min), 0n);
    branch("sgt", BigInt(max), BigInt(1 + Math.floor((max - min) / step)));
    const d = L.newReg();
    L.b.emit({ op: "alu", alu: "sub", w: 64, dst: d, a: reg(x), b: L.legal(imm(min), 64) });
    L.b.emit({ op: "alu", alu: "div", w: 64, dst: d, a: reg(d), b: L.legal(imm(step), 64) });
    L.b.emit({ op: "alu", alu: "add", w: 64, dst: bucket, a: reg(d), b: imm(1) });
    L.b.jump(done);
  }
  L.b.switchTo(done);
  if (keyAddr) {
    const bf = (map.key as StructLayout).fields[1]!;
    L.b.emit({ op: "store", size: 4, addr: offsetAddr(keyAddr, bf.offset), src: reg(bucket) });
    increment(L, map, L.addressOf(keyAddr), 8, times.op, node);
    return { kind: "void" };
  }
  const key = L.stackObject({ kind: "int", size: 4, signed: false }, "bucket", node, false);
  L.b.emit({ op: "store", size: 4, addr: key, src: reg(bucket) });
  increment(L, map, L.addressOf(key), 8, times.op, node);
  return { kind: "void" };
}
