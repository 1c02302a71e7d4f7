import { Node } from "ts-morph";
import { sizeOf, type Layout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { describeLayout, dslOfLayout } from "../../frontend/dsl-types.js";
import { I64, U32, U64, type IntType } from "../../frontend/int-types.js";
import type { MapDecl } from "../../frontend/module.js";
import { imm, reg, type Addr, type Operand, type VReg } from "../ir.js";
import { initObject, lowerExpr, load, rvalue, sameLayout } from "./expressions.js";
import { HelperId } from "./helpers.js";
import type { Lowerer } from "./lowerer.js";
import { ERROR, type Value } from "./values.js";

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
    if (v.region === "stack" || v.region === "map") return L.addressOf(v.addr);
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
        if (map.value.kind !== "int")
          return L.error(Code.NOT_SUPPORTED, node, "pop/peek of struct values is not supported yet");
        const addr = L.stackObject(map.value, "value", node);
        const r = call(L, method === "pop" ? HelperId.MAP_POP_ELEM : HelperId.MAP_PEEK_ELEM, [
          reg(mapReg(L, map)),
          reg(L.addressOf(addr)),
        ]);
        // present when the helper returned 0
        const present = L.newReg();
        const t = L.b.newBlock().id;
        const join = L.b.newBlock().id;
        L.b.emit({ op: "mov", dst: present, src: imm(0), w: 64 });
        L.b.terminate({ op: "br", cmp: "ne", w: 64, a: r, b: imm(0), then: join, else: t });
        L.b.switchTo(t);
        L.b.emit({ op: "mov", dst: present, src: imm(1), w: 64 });
        L.b.jump(join);
        L.b.switchTo(join);
        const type = dslOfLayout(map.value) as IntType;
        return { kind: "opt", present, value: { kind: "int", type, op: L.load(map.value.size, addr, type) } };
      }
      break;
    }
    case "Histogram":
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
      return { kind: "ptr", reg: p, layout: value, region: "map", cell: scalar };
    }
    case "get": {
      if (!scalar)
        return L.error(
          Code.NOT_SUPPORTED,
          node,
          "get() copies scalar values only",
          "use lookup() for a live reference to a struct value",
        );
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
      return { kind: "opt", present: p, value: inner };
    }
    case "has": {
      const k = keyPtr();
      if (k === undefined) return ERROR;
      const p = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(k)]);
      return { kind: "ptr", reg: p, layout: value, region: "map", cell: scalar };
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
      const byReg = L.inReg(by.op);
      increment(L, map, k, value.size as 1 | 2 | 4 | 8, byReg, node);
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
function increment(L: Lowerer, map: MapDecl, key: VReg, size: 1 | 2 | 4 | 8, by: VReg, node: Node): void {
  const isArray = map.cls === "ArrayMap" || map.cls === "PerCpuArrayMap";
  const done = L.b.newBlock().id;
  const add = (p: VReg): void => {
    const addr: Addr = { kind: "reg", reg: p, off: 0 };
    if (map.perCpu) {
      const old = L.newReg();
      L.b.emit({ op: "load", size, dst: old, addr });
      const sum = L.newReg();
      L.b.emit({ op: "alu", alu: "add", w: 64, dst: sum, a: reg(old), b: reg(by) });
      L.b.emit({ op: "store", size, addr, src: reg(sum) });
    } else L.b.emit({ op: "atomicAdd", size: size as 4 | 8, addr, src: by });
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
    L.b.emit({ op: "store", size, addr: v, src: reg(by) });
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
    const p2 = call(L, HelperId.MAP_LOOKUP_ELEM, [reg(mapReg(L, map)), reg(key)]);
    const found2 = L.b.newBlock().id;
    L.b.terminate({ op: "br", cmp: "ne", w: 64, a: p2, b: imm(0), then: found2, else: done });
    L.b.switchTo(found2);
    add(p2);
    L.b.jump(done);
  }
  L.b.switchTo(done);
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

/** Histogram.record(value, times?): the bucket bpftrace's hist()/lhist() would use, then add. */
function histogramRecord(L: Lowerer, map: MapDecl, args: Node[], node: Node): Value {
  const scale = map.histogram;
  if (!scale || !args[0]) return ERROR;
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
    // bucket 0: negative, 1: zero, k + 2: [2^k, 2^(k+1)) — found by halving the bit range
    branch("slt", 0n, 0n);
    branch("eq", 0n, 1n);
    L.b.emit({ op: "mov", dst: bucket, src: imm(2), w: 64 });
    for (const s of [32n, 16n, 8n, 4n, 2n, 1n]) {
      const t = L.newReg();
      L.b.emit({ op: "alu", alu: "rsh", w: 64, dst: t, a: reg(x), b: imm(s) });
      const take = L.b.newBlock().id;
      const next = L.b.newBlock().id;
      L.b.terminate({ op: "br", cmp: "eq", w: 64, a: t, b: imm(0), then: next, else: take });
      L.b.switchTo(take);
      L.b.emit({ op: "mov", dst: x, src: reg(t), w: 64 });
      L.b.emit({ op: "alu", alu: "add", w: 64, dst: bucket, a: reg(bucket), b: imm(s) });
      L.b.jump(next);
      L.b.switchTo(next);
    }
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
  const key = L.stackObject({ kind: "int", size: 4, signed: false }, "bucket", node, false);
  L.b.emit({ op: "store", size: 4, addr: key, src: reg(bucket) });
  increment(L, map, L.addressOf(key), 8, L.inReg(times.op), node);
  return { kind: "void" };
}
