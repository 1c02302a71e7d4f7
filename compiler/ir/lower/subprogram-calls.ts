import {
  Node,
  SyntaxKind,
  type TypeNode,
  type ArrowFunction,
  type FunctionDeclaration,
  type FunctionExpression,
} from "ts-morph";
import { int, type Layout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { I64, U32, U64, type IntType } from "../../frontend/int-types.js";
import { declarationOf } from "../../frontend/intrinsics.js";
import { imm, reg, type Operand, type VReg } from "../ir.js";
import { rvalue } from "./expressions.js";
import { HelperId } from "./helpers.js";
import { Lowerer } from "./lowerer.js";
import { lowerBody } from "./program.js";
import { ERROR, type Binding, type Value } from "./values.js";

/**
 * BPF-to-BPF calls (RFC 9669 §4.3.1, kernel: check_func_call) and bpf_loop callbacks (kernel:
 * check_loop_callback / set_loop_callback_state): the callee is its own function with its own
 * 512-byte frame; arguments travel in r1–r5 and the result in r0; r6–r9 survive the call.
 */

type FnNode = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** Whether a function asks not to be inlined (`/** @noinline *\/`). */
export function isNoInline(fn: FnNode): boolean {
  const holder = Node.isFunctionDeclaration(fn)
    ? fn
    : fn.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  return (holder?.getJsDocs() ?? []).some((d) => d.getTags().some((t) => t.getTagName() === "noinline"));
}

function scalarType(L: Lowerer, node: TypeNode | undefined): IntType | { kind: "bool" } | undefined {
  const t = node ? L.types.resolve(node) : undefined;
  return t && t.kind !== "agg" ? t : undefined;
}

/** A call of a `@noinline` module function: lowered once as a subprogram, called with `call local`. */
export function localCall(L: Lowerer, fn: FnNode, argNodes: Node[], node: Node): Value {
  const params = fn.getParameters();
  if (params.length > 5)
    return L.error(Code.TOO_MANY_ARGS, fn, "a BPF-to-BPF call passes at most five arguments (r1–r5)");
  if (argNodes.length !== params.length)
    return L.error(Code.UNKNOWN_CALL, node, `expected ${params.length} arguments`);
  const types: (IntType | { kind: "bool" })[] = [];
  for (const p of params) {
    const t = scalarType(L, p.getTypeNode());
    if (!t)
      return L.error(
        Code.NOT_SUPPORTED,
        p,
        `parameter \`${p.getName()}\` of a @noinline function must be an integer or bool`,
        "pass struct fields one by one, or drop @noinline so the function is inlined",
      );
    types.push(t);
  }
  const rtn = fn.getReturnTypeNode();
  const retType = rtn && rtn.getText() !== "void" ? scalarType(L, rtn) : undefined;
  if (rtn && rtn.getText() !== "void" && !retType)
    return L.error(Code.NOT_SUPPORTED, rtn, "a @noinline function returns an integer, a bool or nothing");
  let sub = L.subprograms.get(fn);
  if (sub && !sub.ir) return L.error(Code.RECURSION, node, "recursion is not allowed in eBPF programs");
  if (!sub) {
    sub = L.subprograms.add(fn, Node.isFunctionDeclaration(fn) ? (fn.getName() ?? "fn") : "fn");
    const C = new Lowerer(L.rep, L.types, L.mod, undefined, sub.name, L.target, L.subprograms);
    C.setLoc(fn);
    const bindings = new Map<Node, Binding>();
    params.forEach((p, i) => {
      const r = C.newReg();
      C.b.emit({ op: "param", dst: r, index: i });
      bindings.set(p, { kind: "var", reg: r, type: types[i]!, mutable: true });
    });
    C.frames.push({ bindings, fn, ...(retType ? { returns: retType } : {}) });
    lowerBody(C, fn, !retType);
    sub.ir = C.b.fn;
  }
  const args: Operand[] = [];
  for (let i = 0; i < params.length; i++) {
    const t = types[i]!;
    const v = rvalue(L, argNodes[i]!);
    const c = t.kind === "int" ? L.convert(v, t, argNodes[i]!) : v;
    if (c.kind !== "int" && c.kind !== "bool") {
      if (c.kind !== "error")
        L.error(Code.OPERAND_TYPE, argNodes[i]!, `expected ${t.kind === "int" ? "an integer" : "a bool"}`);
      return ERROR;
    }
    args.push(c.op);
  }
  const dst = L.newReg();
  L.b.emit({ op: "call", helper: 0, local: sub.name, args, dst });
  if (!retType) return { kind: "void" };
  return retType.kind === "bool"
    ? { kind: "bool", op: reg(dst) }
    : { kind: "int", type: retType, op: reg(dst) };
}

/** One captured variable of a bpf.loop callback: an 8-byte cell of the context struct. */
interface Capture {
  readonly decl: Node;
  readonly binding: Binding;
  readonly offset: number;
  /** The first use inside the callback (where a problem is reported). */
  readonly use: Node;
}

/**
 * bpf.loop(count, (i) => { … }): the callback becomes a subprogram `(index, ctx) → 0 | 1`. The
 * variables it uses from the enclosing function travel in a stack struct passed as bpf_loop's
 * callback_ctx (the verifier lets a callee use its caller's stack through that pointer): scalars
 * by value (written back after the loop when the callback may change them), structs and the
 * program context by address.
 */
export function loopCall(L: Lowerer, argNodes: Node[], node: Node): Value {
  const [countNode, cbNode] = argNodes;
  if (!countNode || !cbNode || argNodes.length > 2)
    return L.error(
      Code.UNKNOWN_CALL,
      node,
      "bpf.loop takes a count and a callback: bpf.loop(n, (i) => { … })",
    );
  if (!Node.isArrowFunction(cbNode) && !Node.isFunctionExpression(cbNode))
    return L.error(
      Code.NOT_SUPPORTED,
      cbNode,
      "bpf.loop needs the callback written inline: bpf.loop(n, (i) => { … })",
    );
  const count = L.convert(rvalue(L, countNode), U32, countNode);
  if (count.kind === "error") return ERROR;
  if (count.kind === "int" && count.op.kind === "imm" && count.op.value > 1n << 23n)
    return L.error(Code.LITERAL_RANGE, countNode, "bpf_loop runs at most 2^23 iterations (BPF_MAX_LOOPS)");
  if (count.kind !== "int") return ERROR;

  // what the callback uses from here
  const captures: Capture[] = [];
  let usesCtx = false;
  cbNode.getBody().forEachDescendant((n) => {
    if (!Node.isIdentifier(n)) return;
    const decl = declarationOf(n);
    if (!decl || decl.getFirstAncestor((a) => a === cbNode) || captures.some((c) => c.decl === decl)) return;
    const b = L.lookup(decl);
    if (!b) return;
    if (b.kind === "value" && b.value.kind === "ctx") usesCtx = true;
    else captures.push({ decl, binding: b, offset: 8 * captures.length, use: n });
  });
  const ctxOffset = 8 * captures.length;
  const cells = captures.length + (usesCtx ? 1 : 0);

  // the callback
  const sub = L.subprograms.add(cbNode, `${L.b.fn.name}_loop`);
  const C = new Lowerer(L.rep, L.types, L.mod, L.prog, sub.name, L.target, L.subprograms);
  C.setLoc(cbNode);
  const index = C.newReg();
  const ctxArg = C.newReg();
  C.b.emit({ op: "param", dst: index, index: 0 });
  C.b.emit({ op: "param", dst: ctxArg, index: 1 });
  const bindings = new Map<Node, Binding>();
  const ip = cbNode.getParameters()[0];
  if (ip) bindings.set(ip, { kind: "var", reg: index, type: U32, mutable: false, max: (1n << 23n) - 1n });
  for (const c of captures) {
    const b = c.binding;
    if (b.kind === "var") {
      const layout: Layout =
        b.type.kind === "bool" ? { kind: "bool" } : int((b.type.bits / 8) as 1 | 2 | 4 | 8, b.type.signed);
      bindings.set(c.decl, {
        kind: "value",
        value: {
          kind: "place",
          layout,
          addr: { kind: "reg", reg: ctxArg, off: c.offset },
          region: "stack",
          readOnly: !b.mutable,
        },
      });
    } else if (b.value.kind === "const" || b.value.kind === "map") bindings.set(c.decl, b);
    else if (b.value.kind === "place" && b.value.region === "stack") {
      const p = C.newReg();
      C.b.emit({ op: "load", size: 8, dst: p, addr: { kind: "reg", reg: ctxArg, off: c.offset } });
      bindings.set(c.decl, { kind: "value", value: { ...b.value, addr: { kind: "reg", reg: p, off: 0 } } });
    } else {
      L.error(
        Code.NOT_SUPPORTED,
        c.use,
        `a bpf.loop callback cannot use \`${c.use.getText()}\` from the enclosing function (only integers, bools, constants, local structs and ctx)`,
        "look it up again inside the callback",
      );
      bindings.set(c.decl, { kind: "value", value: ERROR });
    }
  }
  if (usesCtx) {
    C.ctxReg = C.newReg();
    C.b.emit({ op: "load", size: 8, dst: C.ctxReg, addr: { kind: "reg", reg: ctxArg, off: ctxOffset } });
    for (const [decl, b] of L.frame.bindings)
      if (b.kind === "value" && b.value.kind === "ctx") bindings.set(decl, b);
  }
  C.frames.push({ bindings, fn: cbNode });
  lowerBody(C, cbNode, false);
  sub.ir = C.b.fn;

  // the call
  let ctxPtr: Operand = imm(0);
  let addr: { kind: "stack"; slot: number; off: number } | undefined;
  if (cells > 0) {
    addr = L.stackObject(
      { kind: "array", elem: int(8, false), length: cells },
      "loop_ctx",
      node,
      false,
    ) as typeof addr;
    for (const c of captures) {
      const b = c.binding;
      const at = { ...addr!, off: c.offset };
      if (b.kind === "var") L.b.emit({ op: "store", size: 8, addr: at, src: reg(b.reg) });
      else if (b.value.kind === "place" && b.value.region === "stack")
        L.b.emit({ op: "store", size: 8, addr: at, src: reg(L.addressOf(b.value.addr)) });
    }
    if (usesCtx) L.b.emit({ op: "store", size: 8, addr: { ...addr!, off: ctxOffset }, src: reg(L.ctxReg) });
    ctxPtr = reg(L.addressOf(addr!));
  }
  const f = L.newReg();
  L.b.emit({ op: "ldfunc", dst: f, fn: sub.name });
  const dst = L.newReg();
  L.b.emit({ op: "call", helper: HelperId.LOOP, args: [count.op, reg(f), ctxPtr, imm(0)], dst });
  // write back what the callback may have changed
  for (const c of captures) {
    const b = c.binding;
    if (b.kind !== "var" || !b.mutable) continue;
    const t = b.type.kind === "bool" ? ({ kind: "bool" } as const) : b.type;
    const size = t.kind === "bool" ? 1 : ((t.bits / 8) as 1 | 2 | 4 | 8);
    const v = L.load(size, { ...addr!, off: c.offset }, t);
    L.b.emit({ op: "mov", dst: b.reg, src: v, w: 64 });
    b.max = undefined;
  }
  return { kind: "int", type: I64, op: reg(dst) };
}

export { U64 };
export type { VReg };
