import { Node, type ArrowFunction, type FunctionDeclaration, type FunctionExpression } from "ts-morph";
import { sizeOf } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { layoutOf, type DslType } from "../../frontend/dsl-types.js";
import { I64, INT_TYPES, U16, U32, U64, type IntType } from "../../frontend/int-types.js";
import { declarationOf, stdlibNameOf } from "../../frontend/intrinsics.js";
import { isProgramKind } from "../../frontend/module.js";
import { imm, reg, type Operand } from "../ir.js";
import { contextMethod } from "./context.js";
import { lowerExpr, load, packetBounds, rvalue } from "./expressions.js";
import { HELPERS, HelperId } from "./helpers.js";
import type { Lowerer } from "./lowerer.js";
import { mapMethod } from "./maps.js";
import { lowerBlockBody } from "./statements.js";
import { isNoInline, localCall, loopCall } from "./subprogram-calls.js";
import { ERROR, type Value } from "./values.js";

const CONTEXT_INTERFACES = new Set([
  "PtRegsContext",
  "TracingContext",
  "RawTracepointContext",
  "PerfEventContext",
]);

export function lowerCall(L: Lowerer, node: Node): Value {
  if (!Node.isCallExpression(node)) return ERROR;
  const callee = node.getExpression();
  const std = stdlibNameOf(callee);
  const argNodes = node.getArguments();
  if (std !== undefined) {
    const dot = std.indexOf(".");
    const owner = dot > 0 ? std.slice(0, dot) : "";
    const member = dot > 0 ? std.slice(dot + 1) : std;
    if (HELPERS[std]) return helperCall(L, std, argNodes, node);
    if (std === "bpf.tracePrintk") return tracePrintk(L, argNodes, node);
    if (std === "bpf.loop") return loopCall(L, argNodes, node);
    const it = INT_TYPES[std];
    if (it) {
      if (argNodes.length !== 1) return L.error(Code.UNKNOWN_CALL, node, `${std}() takes one value`);
      return L.convert(rvalue(L, argNodes[0]!), it, node, true);
    }
    if (std === "ntohs" || std === "htons" || std === "ntohl" || std === "htonl") {
      const t = std.endsWith("s") ? U16 : U32;
      const v = L.convert(rvalue(L, argNodes[0]!), t, argNodes[0]!);
      if (v.kind !== "int") return ERROR;
      const dst = L.newReg();
      L.b.emit({ op: "bswap", dst, src: L.inReg(v.op), bits: t.bits as 16 | 32 });
      return { kind: "int", type: t, op: reg(dst) };
    }
    if (std === "sizeOf") {
      const tn = node.getTypeArguments()[0];
      const t = tn ? L.types.resolve(tn) : undefined;
      return t ? { kind: "const", value: BigInt(sizeOf(layoutOf(t))) } : ERROR;
    }
    if (std === "Packet.at") return packetAt(L, node);
    if (std === "Packet.read") return packetRead(L, node);
    if (CONTEXT_INTERFACES.has(owner)) {
      const args = argNodes.map((a) => rvalue(L, a));
      return contextMethod(L, member, args, node);
    }
    if (Node.isPropertyAccessExpression(callee)) {
      const recv = lowerExpr(L, callee.getExpression());
      if (recv.kind === "map") return mapMethod(L, recv.map, member, argNodes, node);
      if (recv.kind === "error") return ERROR;
    }
    if (isProgramKind(std))
      return L.error(
        Code.PROGRAM_NOT_EXPORTED,
        node,
        "programs are declared at module level",
        `write export const name = ${std}(…) at the top of the file`,
      );
    return L.error(Code.UNKNOWN_CALL, node, `\`${std}\` cannot be called here`);
  }
  const decl = declarationOf(callee);
  let fn: FunctionDeclaration | ArrowFunction | FunctionExpression | undefined;
  if (decl && Node.isFunctionDeclaration(decl)) fn = decl;
  else if (decl && Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) fn = init;
  }
  if (fn && fn.getBody() !== undefined)
    return isNoInline(fn) ? localCall(L, fn, argNodes, node) : inlineCall(L, fn, argNodes, node);
  return L.error(
    Code.UNKNOWN_CALL,
    callee,
    `\`${callee.getText()}\` is not a tsbpf helper or a function of this program`,
    "call bpf.* helpers, map methods, or functions declared in your modules",
  );
}

function helperCall(L: Lowerer, name: string, argNodes: Node[], node: Node): Value {
  const h = HELPERS[name]!;
  if (argNodes.length !== h.args.length)
    return L.error(Code.UNKNOWN_CALL, node, `${name}() takes ${h.args.length} arguments`);
  const ops: Operand[] = [];
  for (let i = 0; i < h.args.length; i++) {
    const kind = h.args[i]!;
    const an = argNodes[i]!;
    if (kind === "buf") {
      const v = lowerExpr(L, an);
      if (v.kind === "error") return ERROR;
      if (v.kind !== "place" || v.layout.kind === "int" || v.layout.kind === "bool")
        return L.error(
          Code.OPERAND_TYPE,
          an,
          `${name}() fills a buffer: pass a CString, fixed array or struct field or local`,
        );
      if (v.region === "ctx") return L.error(Code.READ_ONLY, an, "the program context is read-only");
      ops.push(reg(L.addressOf(v.addr)), imm(sizeOf(v.layout)));
    } else {
      const v = L.convert(rvalue(L, an), kind === "u64" ? U64 : U32, an);
      if (v.kind !== "int") return ERROR;
      ops.push(v.op);
    }
  }
  const dst = L.newReg();
  L.b.emit({ op: "call", helper: h.id, args: ops, dst });
  return { kind: "int", type: h.ret, op: reg(dst) };
}

/** bpf_trace_printk(fmt, sizeof(fmt), a, b, c) with the format copied to the stack. */
function tracePrintk(L: Lowerer, argNodes: Node[], node: Node): Value {
  const fmt = argNodes[0];
  if (!fmt || !Node.isStringLiteral(fmt))
    return L.error(Code.STRING, node, "tracePrintk needs a string literal format");
  if (argNodes.length > 4) return L.error(Code.TOO_MANY_ARGS, node, "tracePrintk takes at most three values");
  const bytes = new TextEncoder().encode(fmt.getLiteralValue() + "\0");
  const addr = L.stackObject(
    { kind: "array", elem: { kind: "int", size: 1, signed: false }, length: bytes.length },
    "fmt",
    node,
    false,
  );
  const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  for (let off = 0; off < padded.length; off += 8)
    L.store(8, { ...addr, off }, imm(view.getBigUint64(off, true)));
  const args: Operand[] = [reg(L.addressOf(addr)), imm(bytes.length)];
  for (const a of argNodes.slice(1)) {
    const v = rvalue(L, a);
    const c = v.kind === "const" ? L.convert(v, I64, a) : v;
    if (c.kind !== "int" && c.kind !== "bool")
      return L.error(Code.OPERAND_TYPE, a, "tracePrintk prints integers only");
    args.push(c.op);
  }
  const dst = L.newReg();
  L.b.emit({ op: "call", helper: HelperId.TRACE_PRINTK, args, dst });
  return { kind: "int", type: I64, op: reg(dst) };
}

/**
 * ctx.packet.at<T>(off): p = data + off; p + sizeof(T) > data_end ? null : p. The comparison is
 * on packet pointers so the verifier records the checked range (kernel: find_good_pkt_pointers).
 */
function packetAt(L: Lowerer, node: Node): Value {
  if (!Node.isCallExpression(node)) return ERROR;
  const tn = node.getTypeArguments()[0];
  if (!tn) return L.error(Code.UNSUPPORTED_TYPE, node, "ctx.packet.at needs the header type: at<EthHdr>(0)");
  const t = L.types.resolve(tn);
  if (!t) return ERROR;
  const layout = layoutOf(t);
  const offNode = node.getArguments()[0];
  if (!offNode) return L.error(Code.UNKNOWN_CALL, node, "ctx.packet.at needs an offset");
  const off = rvalue(L, offNode);
  if (off.kind === "error") return off;
  const { data, end } = packetBounds(L, node);
  if (data === undefined || end === undefined) return ERROR;
  const p = L.newReg();
  if (off.kind === "const") {
    if (off.value < 0n || off.value > 0xffffn)
      return L.error(Code.LITERAL_RANGE, offNode, "packet offsets go from 0 to 65535");
    L.b.emit({ op: "alu", alu: "add", w: 64, dst: p, a: reg(data), b: imm(off.value) });
  } else {
    const o = L.convert(off, U32, offNode);
    if (o.kind !== "int") return ERROR;
    if (o.max === undefined || o.max > 0xffffn)
      return L.error(
        Code.NOT_SUPPORTED,
        offNode,
        "the verifier needs a bound on a variable packet offset",
        "mask it, e.g. (ihl & 0xf) * 4 + 14, or compare it with a constant first",
      );
    L.b.emit({ op: "alu", alu: "add", w: 64, dst: p, a: reg(data), b: o.op });
  }
  const lim = L.newReg();
  L.b.emit({ op: "alu", alu: "add", w: 64, dst: lim, a: reg(p), b: imm(sizeOf(layout)) });
  return {
    kind: "ptr",
    reg: p,
    layout,
    region: "packet",
    cell: false,
    nullIf: { cmp: "gt", a: lim, b: reg(end) },
  };
}

/**
 * ctx.packet.read<T>(off): a stack copy of T made by bpf_skb_load_bytes (the only way socket
 * filters read the packet; kernel: bpf_skb_load_bytes), null (or undefined for integers) when the
 * helper fails because the packet is shorter. The helper may write uninitialised stack
 * (ARG_PTR_TO_UNINIT_MEM), so the copy is not cleared first.
 */
function packetRead(L: Lowerer, node: Node): Value {
  if (!Node.isCallExpression(node)) return ERROR;
  const kind = L.prog?.kind;
  if (kind !== "tc" && kind !== "socketFilter" && kind !== "cgroupSkb")
    return L.error(
      Code.NOT_SUPPORTED,
      node,
      "ctx.packet.read needs an __sk_buff program (tc, socket filter, cgroup_skb)",
      kind === "xdp" ? "use ctx.packet.at<T>(offset) in XDP programs" : undefined,
    );
  const tn = node.getTypeArguments()[0];
  if (!tn) return L.error(Code.UNSUPPORTED_TYPE, node, "ctx.packet.read needs the type: read<IpHdr>(0)");
  const t = L.types.resolve(tn);
  if (!t) return ERROR;
  const layout = layoutOf(t);
  const offNode = node.getArguments()[0];
  if (!offNode) return L.error(Code.UNKNOWN_CALL, node, "ctx.packet.read needs an offset");
  const off = L.convert(rvalue(L, offNode), U32, offNode);
  if (off.kind !== "int") return ERROR;
  const addr = L.stackObject(layout, "packet", node, false);
  const r = L.newReg();
  const ptr = L.addressOf(addr);
  L.b.emit({
    op: "call",
    helper: HelperId.SKB_LOAD_BYTES,
    args: [reg(L.ctxReg), off.op, reg(ptr), imm(sizeOf(layout))],
    dst: r,
  });
  const failed = { cmp: "slt", a: r, b: imm(0) } as const;
  if (t.kind === "agg")
    return { kind: "ptr", reg: ptr, layout, region: "stack", cell: false, nullIf: failed };
  const v = load(L, { kind: "place", layout, addr, region: "stack", readOnly: true });
  return { kind: "opt", absentIf: failed, value: v };
}

type FnNode = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** Calls of the program's own functions are inlined (BPF-to-BPF calls come later). */
function inlineCall(L: Lowerer, fn: FnNode, argNodes: Node[], node: Node): Value {
  if (L.inlining.includes(fn))
    return L.error(
      Code.RECURSION,
      node,
      "recursion is not allowed in eBPF programs",
      "rewrite it as a bounded loop",
    );
  const params = fn.getParameters();
  if (argNodes.length !== params.length)
    return L.error(Code.UNKNOWN_CALL, node, `expected ${params.length} arguments`);
  const bindings = new Map<Node, import("./values.js").Binding>();
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const tn = p.getTypeNode();
    const t: DslType | undefined = tn ? L.types.resolve(tn) : undefined;
    if (!tn) return L.error(Code.UNSUPPORTED_TYPE, p, `parameter \`${p.getName()}\` needs a type annotation`);
    if (!t) return ERROR;
    const v = load(L, lowerExpr(L, argNodes[i]!));
    if (v.kind === "error") return ERROR;
    if (t.kind === "int" || t.kind === "bool") {
      const c = t.kind === "int" ? L.convert(v, t, argNodes[i]!) : v;
      if (c.kind !== "int" && c.kind !== "bool")
        return L.error(Code.OPERAND_TYPE, argNodes[i]!, `expected ${t.kind}`);
      const r = L.newReg();
      L.b.emit({ op: "mov", dst: r, src: c.op, w: 64 });
      bindings.set(p, { kind: "var", reg: r, type: t, mutable: true });
    } else {
      if (v.kind !== "place" && v.kind !== "ptr")
        return L.error(
          Code.OPERAND_TYPE,
          argNodes[i]!,
          `expected a ${L.describe({ kind: "place", layout: t.layout, addr: { kind: "stack", slot: 0, off: 0 }, region: "stack", readOnly: false })}`,
        );
      bindings.set(p, { kind: "value", value: v });
    }
  }
  const rtn = fn.getReturnTypeNode();
  let retType: IntType | { kind: "bool" } | undefined;
  if (rtn && rtn.getText() !== "void") {
    const t = L.types.resolve(rtn);
    if (!t) return ERROR;
    if (t.kind === "agg")
      return L.error(
        Code.NOT_SUPPORTED,
        rtn,
        "functions returning structs are not supported yet",
        "pass a struct to fill as a parameter",
      );
    retType = t;
  }
  const join = L.b.newBlock().id;
  const result = L.newReg();
  const callerLoc = L.b.loc;
  L.inlining.push(fn);
  L.frames.push({ bindings, fn, ret: { reg: result, block: join, type: retType } });
  const body = fn.getBody();
  if (body && Node.isBlock(body)) {
    lowerBlockBody(L, body);
    if (L.b.live) {
      if (retType) L.error(Code.MISSING_RETURN, fn, "this function can end without returning a value");
      L.b.jump(join);
    }
  } else if (body) {
    if (!retType) {
      const v = rvalue(L, body);
      if (v.kind === "int" || v.kind === "bool") L.b.emit({ op: "mov", dst: result, src: v.op, w: 64 });
      L.frames.pop();
      L.inlining.pop();
      L.b.jump(join);
      L.b.switchTo(join);
      L.b.loc = callerLoc;
      return v.kind === "int"
        ? { kind: "int", type: v.type, op: reg(result) }
        : v.kind === "const"
          ? v
          : { kind: "void" };
    }
    const v = rvalue(L, body);
    const c = retType.kind === "int" ? L.convert(v, retType, body) : v;
    if (c.kind === "int" || c.kind === "bool") L.b.emit({ op: "mov", dst: result, src: c.op, w: 64 });
    L.b.jump(join);
  }
  L.frames.pop();
  L.inlining.pop();
  L.b.switchTo(join);
  L.b.loc = callerLoc;
  if (!retType) return { kind: "void" };
  return retType.kind === "bool"
    ? { kind: "bool", op: reg(result) }
    : { kind: "int", type: retType, op: reg(result) };
}
