import { Node, type ArrowFunction, type FunctionDeclaration, type FunctionExpression } from "ts-morph";
import { Code } from "../../diagnostics/codes.js";
import type { Reporter } from "../../diagnostics/report.js";
import type { TypeResolver } from "../../frontend/dsl-types.js";
import type { ModuleInfo, ProgramDecl } from "../../frontend/module.js";
import type { IrFunction } from "../ir.js";
import { reg } from "../ir.js";
import { rvalue } from "./expressions.js";
import { Lowerer } from "./lowerer.js";
import { lowerBlockBody } from "./statements.js";
import type { Binding } from "./values.js";
import { DEFAULT_TARGET, type Target } from "../target.js";
import { Subprograms } from "./subprograms.js";

/** Lowers a program's function: ctx arrives in r1, the result leaves in r0. */
export function lowerProgram(
  rep: Reporter,
  types: TypeResolver,
  mod: ModuleInfo,
  prog: ProgramDecl,
  target: Target = DEFAULT_TARGET,
  subprograms: Subprograms = new Subprograms(),
): IrFunction {
  const L = new Lowerer(rep, types, mod, prog, prog.name, target, subprograms);
  L.setLoc(prog.node); // line info must start at instruction 0 (kernel: check_btf_line)
  L.ctxReg = L.newReg();
  L.b.emit({ op: "param", dst: L.ctxReg, index: 0 });
  L.b.fn.ctxReg = L.ctxReg;
  const bindings = new Map<Node, Binding>();
  const ctx = prog.fn.getParameters()[0];
  if (ctx) bindings.set(ctx, { kind: "value", value: { kind: "ctx" } });
  L.frames.push({ bindings, fn: prog.fn });
  lowerBody(L, prog.fn);
  return L.b.fn;
}

/**
 * Lowers a plain function as a program whose parameters arrive in r1–r5 (the BPF-to-BPF calling
 * convention), for unit tests of expression semantics in the VM.
 */
export function lowerFunction(
  rep: Reporter,
  types: TypeResolver,
  mod: ModuleInfo,
  fn: FunctionDeclaration,
  target: Target = DEFAULT_TARGET,
  subprograms: Subprograms = new Subprograms(),
): IrFunction {
  const L = new Lowerer(rep, types, mod, undefined, fn.getName() ?? "fn", target, subprograms);
  L.setLoc(fn);
  const bindings = new Map<Node, Binding>();
  const params = fn.getParameters();
  if (params.length > 5) rep.error(Code.TOO_MANY_ARGS, fn, "eBPF functions take at most five arguments");
  params.slice(0, 5).forEach((p, i) => {
    const tn = p.getTypeNode();
    const t = tn ? types.resolve(tn) : undefined;
    const r = L.newReg();
    L.b.emit({ op: "param", dst: r, index: i });
    if (t && t.kind !== "agg") bindings.set(p, { kind: "var", reg: r, type: t, mutable: true });
    else rep.error(Code.UNSUPPORTED_TYPE, p, "test function parameters must be integers or bools");
  });
  L.frames.push({ bindings, fn });
  lowerBody(L, fn);
  return L.b.fn;
}

export function lowerBody(
  L: Lowerer,
  fn: ArrowFunction | FunctionExpression | FunctionDeclaration,
  /** A function returning nothing may run off its end (returning 0 in r0). */
  returnsVoid = false,
): void {
  const body = fn.getBody();
  if (body && Node.isBlock(body)) {
    lowerBlockBody(L, body);
    if (L.b.live && returnsVoid) L.b.terminate({ op: "ret", value: { kind: "imm", value: 0n } });
    if (L.b.live) {
      L.setLoc(body.getLastChild() ?? body);
      L.error(
        Code.MISSING_RETURN,
        fn,
        "the program can end without returning a value",
        "end every path with return",
      );
      L.b.terminate({ op: "ret", value: { kind: "imm", value: 0n } });
    }
  } else if (body) {
    L.setLoc(body);
    const v = rvalue(L, body);
    if (v.kind === "int" || v.kind === "bool") L.b.terminate({ op: "ret", value: v.op });
    else if (v.kind === "const")
      L.b.terminate({ op: "ret", value: { kind: "imm", value: BigInt.asUintN(64, v.value) } });
    else L.b.terminate({ op: "ret", value: { kind: "imm", value: 0n } });
  }
}
