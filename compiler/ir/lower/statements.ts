import { Node, SyntaxKind, type Block as TsBlock, type Statement } from "ts-morph";
import { Code } from "../../diagnostics/codes.js";
import { constValue } from "../../frontend/constants.js";
import { I64, U32, fits, maxOf, type IntType } from "../../frontend/int-types.js";
import { declarationOf, stdlibNameOf } from "../../frontend/intrinsics.js";
import { imm, reg, type BlockId } from "../ir.js";
import { initObject, load, lowerCond, lowerExpr, rvalue, sameLayout } from "./expressions.js";
import { describeType } from "../../frontend/dsl-types.js";
import type { Lowerer } from "./lowerer.js";
import type { Value } from "./values.js";

/** Statement visitors. */

export function lowerBlockBody(L: Lowerer, block: TsBlock): void {
  for (const s of block.getStatements()) lowerStmt(L, s);
}

export function lowerStmt(L: Lowerer, s: Statement): void {
  L.setLoc(s);
  switch (s.getKind()) {
    case SyntaxKind.Block:
      return lowerBlockBody(L, s as TsBlock);
    case SyntaxKind.EmptyStatement:
      return;
    case SyntaxKind.ExpressionStatement:
      if (Node.isExpressionStatement(s)) lowerExpr(L, s.getExpression());
      return;
    case SyntaxKind.VariableStatement:
      if (Node.isVariableStatement(s))
        for (const d of s.getDeclarations()) declare(L, d, s.getDeclarationKind() === "const");
      return;
    case SyntaxKind.IfStatement:
      return ifStatement(L, s);
    case SyntaxKind.ReturnStatement:
      return returnStatement(L, s);
    case SyntaxKind.ForStatement:
      return forStatement(L, s);
    case SyntaxKind.WhileStatement:
    case SyntaxKind.DoStatement:
      return whileStatement(L, s);
    case SyntaxKind.BreakStatement:
    case SyntaxKind.ContinueStatement: {
      const target = L.loops[L.loops.length - 1];
      if (!target) {
        L.error(Code.STATEMENT, s, "break/continue outside a loop or switch");
        return;
      }
      const brk = s.getKind() === SyntaxKind.BreakStatement;
      if (!brk && target.continueTo < 0) {
        // continue inside a switch: the enclosing loop's continue
        const loop = [...L.loops].reverse().find((x) => x.continueTo >= 0);
        if (!loop) L.error(Code.STATEMENT, s, "continue outside a loop");
        else L.b.jump(loop.continueTo);
        return;
      }
      L.b.jump(brk ? target.breakTo : target.continueTo);
      return;
    }
    case SyntaxKind.SwitchStatement:
      return switchStatement(L, s);
    case SyntaxKind.TryStatement:
      // reported by the subset check; lower the protected block so its errors are found too
      if (Node.isTryStatement(s)) lowerBlockBody(L, s.getTryBlock());
      return;
    case SyntaxKind.ThrowStatement:
      L.b.terminate({ op: "ret", value: imm(0) }); // reported by the subset check
      return;
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.ClassDeclaration:
    case SyntaxKind.ForInStatement:
    case SyntaxKind.ForOfStatement:
    case SyntaxKind.LabeledStatement:
    case SyntaxKind.InterfaceDeclaration:
    case SyntaxKind.TypeAliasDeclaration:
      return; // reported by the subset check, or types only
    default:
      L.error(Code.STATEMENT, s, `\`${s.getKindName()}\` statements are not supported in eBPF programs`);
  }
}

function declare(L: Lowerer, d: import("ts-morph").VariableDeclaration, isConst: boolean): void {
  const nameNode = d.getNameNode();
  if (!Node.isIdentifier(nameNode)) return; // destructuring: reported by the subset check
  const tn = d.getTypeNode();
  const init = d.getInitializer();
  const declared = tn ? L.types.resolve(tn) : undefined;
  if (tn && !declared) return;
  if (declared?.kind === "agg") {
    if (
      init &&
      !Node.isObjectLiteralExpression(init) &&
      !(Node.isCallExpression(init) && stdlibNameOf(init.getExpression()) === "zeroed")
    ) {
      // JavaScript objects are references: `const p: Pair = q` names the same memory as q
      const v = lowerExpr(L, init);
      if (v.kind === "error") return;
      if ((v.kind === "place" || (v.kind === "ptr" && !v.cell)) && sameLayout(v.layout, declared.layout)) {
        L.frame.bindings.set(d, { kind: "value", value: v });
        return;
      }
      L.error(Code.OPERAND_TYPE, init, `expected ${describeType(declared)}, found ${L.describe(v)}`);
      return;
    }
    const addr = L.stackObject(
      declared.layout,
      d.getName(),
      d,
      !init || !Node.isObjectLiteralExpression(init),
    );
    const place: Value & { kind: "place" } = {
      kind: "place",
      layout: declared.layout,
      addr,
      region: "stack",
      readOnly: false,
    };
    if (init && Node.isObjectLiteralExpression(init)) initObject(L, place, init);
    L.frame.bindings.set(d, { kind: "value", value: place });
    return;
  }
  if (init && Node.isObjectLiteralExpression(init)) {
    L.error(
      Code.UNSUPPORTED_TYPE,
      d,
      `\`${d.getName()}\` needs a struct type annotation for its object literal`,
      `write const ${d.getName()}: MyStruct = { … }`,
    );
    return;
  }
  const v: Value = init ? load(L, lowerExpr(L, init)) : { kind: "const", value: 0n };
  if (v.kind === "error") {
    if (declared)
      L.frame.bindings.set(d, { kind: "var", reg: L.newReg(), type: declared, mutable: !isConst });
    else L.frame.bindings.set(d, { kind: "value", value: v });
    return;
  }
  if (declared) {
    const c =
      declared.kind === "bool"
        ? v.kind === "bool"
          ? v
          : L.error(Code.OPERAND_TYPE, init ?? d, `expected a bool, found ${L.describe(v)}`)
        : L.convert(v, declared, init ?? d);
    const r = L.newReg();
    if (c.kind === "int" || c.kind === "bool") L.b.emit({ op: "mov", dst: r, src: c.op, w: 64 });
    const max = c.kind === "int" ? (isConst ? c.max : letBound(d, c.max)) : undefined;
    L.frame.bindings.set(d, {
      kind: "var",
      reg: r,
      type: declared,
      mutable: !isConst,
      ...(max !== undefined ? { max, ...(isConst ? {} : { bound: max }) } : {}),
    });
    return;
  }
  if (v.kind === "const" && isConst) {
    L.frame.bindings.set(d, { kind: "value", value: v });
    return;
  }
  if (v.kind === "const" || v.kind === "int" || v.kind === "bool") {
    const type: IntType | { kind: "bool" } =
      v.kind === "const" ? I64 : v.kind === "int" ? v.type : { kind: "bool" };
    const c = v.kind === "const" ? L.convert(v, I64, init ?? d) : v;
    if (c.kind !== "int" && c.kind !== "bool") return;
    const r = L.newReg();
    L.b.emit({ op: "mov", dst: r, src: c.op, w: 64 });
    const max = c.kind === "int" ? (isConst ? c.max : letBound(d, c.max)) : undefined;
    L.frame.bindings.set(d, {
      kind: "var",
      reg: r,
      type,
      mutable: !isConst,
      ...(max !== undefined ? { max, ...(isConst ? {} : { bound: max }) } : {}),
    });
    return;
  }
  if (!isConst && (v.kind === "ptr" || v.kind === "place" || v.kind === "opt"))
    L.error(
      Code.DECLARATION,
      d,
      "references to maps, records and packets must be const",
      `write const ${d.getName()} = …`,
    );
  L.frame.bindings.set(d, { kind: "value", value: v });
}

function ifStatement(L: Lowerer, s: Statement): void {
  if (!Node.isIfStatement(s)) return;
  lowerIf(L, s);
  refineClamp(L, s);
}

/**
 * `if (n > C) n = C;` (C's clamp idiom): afterwards n ≤ C. Recorded as the variable's bound when
 * that holds for the rest of its life — n unsigned, written nowhere else after its declaration
 * but inside this statement, and the statement not in a loop inside n's scope (a later
 * iteration could see an older value) — so `for (let i = 0; i < n; i++)` is a bounded loop.
 */
function refineClamp(L: Lowerer, s: import("ts-morph").IfStatement): void {
  const cond = s.getExpression();
  if (s.getElseStatement() || !Node.isBinaryExpression(cond)) return;
  const op = cond.getOperatorToken().getText();
  const x = cond.getLeft();
  const c = constValue(cond.getRight());
  if ((op !== ">" && op !== ">=") || !Node.isIdentifier(x) || c === undefined || c < 0n) return;
  let body: Node = s.getThenStatement();
  if (Node.isBlock(body) && body.getStatements().length === 1) body = body.getStatements()[0]!;
  if (!Node.isExpressionStatement(body)) return;
  const assign = body.getExpression();
  if (!Node.isBinaryExpression(assign) || assign.getOperatorToken().getText() !== "=") return;
  const target = assign.getLeft();
  const v = constValue(assign.getRight());
  const decl = declarationOf(x);
  if (!decl || !Node.isIdentifier(target) || declarationOf(target) !== decl || v === undefined || v < 0n)
    return;
  const bound = op === ">" ? c : c - 1n;
  if (v > bound || bound < 0n) return;
  const b = L.lookup(decl);
  if (b?.kind !== "var" || !b.mutable || b.type.kind !== "int" || b.type.signed) return;
  const scope = decl.getFirstAncestor((n) => Node.isBlock(n) || Node.isSourceFile(n));
  if (!scope) return;
  for (let n: Node | undefined = s.getParent(); n && n !== scope; n = n.getParent())
    if (Node.isIterationStatement(n)) return;
  let elsewhere = false;
  scope.forEachDescendant((n, t) => {
    if (n === assign) return t.skip();
    let w: Node | undefined;
    if (Node.isBinaryExpression(n) && isAssignment(n.getOperatorToken().getText())) w = n.getLeft();
    else if (
      (Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) &&
      [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(n.getOperatorToken())
    )
      w = n.getOperand();
    if (w && Node.isIdentifier(w) && declarationOf(w) === decl) {
      elsewhere = true;
      t.stop();
    }
  });
  if (!elsewhere && (b.max === undefined || b.max > bound)) b.max = bound;
}

function lowerIf(L: Lowerer, s: import("ts-morph").IfStatement): void {
  const then = L.b.newBlock().id;
  const join = L.b.newBlock().id;
  const elseStmt = s.getElseStatement();
  const els = elseStmt ? L.b.newBlock().id : join;
  lowerCond(L, s.getExpression(), then, els);
  L.b.switchTo(then);
  lowerStmt(L, s.getThenStatement());
  if (L.b.reachable) L.b.jump(join);
  if (elseStmt) {
    L.b.switchTo(els);
    lowerStmt(L, elseStmt);
    if (L.b.reachable) L.b.jump(join);
  }
  L.b.switchTo(join);
}

function returnStatement(L: Lowerer, s: Statement): void {
  if (!Node.isReturnStatement(s)) return;
  const e = s.getExpression();
  const ret = L.frame.ret;
  if (ret) {
    if (e && ret.type) {
      const v = rvalue(L, e);
      const c = ret.type.kind === "int" ? L.convert(v, ret.type, e) : v;
      if (c.kind === "int" || c.kind === "bool") L.b.emit({ op: "mov", dst: ret.reg, src: c.op, w: 64 });
      else if (c.kind !== "error")
        L.error(Code.OPERAND_TYPE, e, `expected ${ret.type.kind}, found ${L.describe(c)}`);
    } else if (e) rvalue(L, e);
    L.b.jump(ret.block);
    return;
  }
  // a program's return value goes to r0
  if (!e) {
    L.b.terminate({ op: "ret", value: imm(0) });
    return;
  }
  const returns = L.frame.returns;
  const v0 = rvalue(L, e);
  const v = returns?.kind === "int" ? L.convert(v0, returns, e) : v0;
  if (v.kind === "const") {
    if (!fits(v.value, I64) && !fits(v.value, { kind: "int", bits: 64, signed: false }))
      L.error(Code.LITERAL_RANGE, e, `${v.value} does not fit 64 bits`);
    L.b.terminate({ op: "ret", value: imm(v.value) });
    return;
  }
  if (v.kind === "int" || v.kind === "bool") {
    L.b.terminate({ op: "ret", value: v.op });
    return;
  }
  if (v.kind !== "error") L.error(Code.OPERAND_TYPE, e, `a program returns an integer, not ${L.describe(v)}`);
  L.b.terminate({ op: "ret", value: imm(0) });
}

/**
 * An unsigned upper bound that holds for a `let` at every point of its scope: its initial bound
 * joined with every later assignment, when each of those is a plain `x = CONSTANT` (so
 * `let l3: u32 = 14; if (vlan) l3 = 18;` is known to stay below 19 and can offset a packet view).
 * Undefined as soon as any write is compound (`+=`, `++`) or not a non-negative constant.
 */
function letBound(
  d: import("ts-morph").VariableDeclaration,
  initial: bigint | undefined,
): bigint | undefined {
  if (initial === undefined) return undefined;
  const scope = d.getFirstAncestor((n) => Node.isBlock(n) || Node.isSourceFile(n));
  if (!scope) return undefined;
  let bound: bigint | undefined = initial;
  scope.forEachDescendant((n, t) => {
    let target: Node | undefined;
    let value: bigint | undefined;
    if (Node.isBinaryExpression(n) && isAssignment(n.getOperatorToken().getText())) {
      target = n.getLeft();
      value = n.getOperatorToken().getText() === "=" ? constValue(n.getRight()) : undefined;
    } else if (
      (Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) &&
      [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(n.getOperatorToken())
    )
      target = n.getOperand();
    if (!target || !Node.isIdentifier(target) || declarationOf(target) !== d) return;
    if (value === undefined || value < 0n) {
      bound = undefined;
      t.stop();
    } else if (value > bound!) bound = value;
  });
  return bound;
}

function isAssignment(op: string): boolean {
  return /=$/.test(op) && !["==", "===", "!=", "!==", "<=", ">="].includes(op);
}

/** Whether `body` assigns to the variable declared by `decl`. */
function assigns(body: Node, decl: Node): boolean {
  let found = false;
  body.forEachDescendant((n, t) => {
    let target: Node | undefined;
    if (
      Node.isBinaryExpression(n) &&
      /=$/.test(n.getOperatorToken().getText()) &&
      !["==", "===", "!=", "!==", "<=", ">="].includes(n.getOperatorToken().getText())
    )
      target = n.getLeft();
    else if (
      (Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) &&
      [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(n.getOperatorToken())
    )
      target = n.getOperand();
    if (target && Node.isIdentifier(target) && declarationOf(target) === decl) {
      found = true;
      t.stop();
    }
  });
  return found;
}

/**
 * for (let i = A; i < B; i++) with constant A and B and no other writes to i: the verifier walks
 * such loops (bounded loops, kernel ≥ 5.3). Anything else needs a proof the compiler cannot make.
 */
function forStatement(L: Lowerer, s: Statement): void {
  if (!Node.isForStatement(s)) return;
  const init = s.getInitializer();
  const cond = s.getCondition();
  const incr = s.getIncrementor();
  const decl =
    init && Node.isVariableDeclarationList(init) && init.getDeclarations().length === 1
      ? init.getDeclarations()[0]
      : undefined;
  const start = decl?.getInitializer() ? constValue(decl.getInitializer()!) : undefined;
  let limit: bigint | undefined;
  let variableLimit: { node: Node; inclusive: boolean } | undefined;
  if (
    decl &&
    cond &&
    Node.isBinaryExpression(cond) &&
    Node.isIdentifier(cond.getLeft()) &&
    declarationOf(cond.getLeft()) === decl
  ) {
    const op = cond.getOperatorToken().getText();
    const b = constValue(cond.getRight());
    if (b !== undefined && op === "<") limit = b;
    if (b !== undefined && op === "<=") limit = b + 1n;
    if (b === undefined && (op === "<" || op === "<="))
      variableLimit = { node: cond.getRight(), inclusive: op === "<=" };
  }
  const stepsUp =
    incr !== undefined &&
    decl !== undefined &&
    (Node.isPostfixUnaryExpression(incr) || Node.isPrefixUnaryExpression(incr)) &&
    incr.getOperatorToken() === SyntaxKind.PlusPlusToken &&
    Node.isIdentifier(incr.getOperand()) &&
    declarationOf(incr.getOperand()) === decl;
  if (decl && start !== undefined && variableLimit && stepsUp && !assigns(s.getStatement(), decl)) {
    boundedByValue(L, s, decl, start, variableLimit.node, variableLimit.inclusive);
    return;
  }
  if (!decl || start === undefined || limit === undefined || !stepsUp || assigns(s.getStatement(), decl)) {
    L.error(
      Code.UNBOUNDED_LOOP,
      s,
      "cannot prove this loop ends: the kernel verifier only accepts loops with a known bound",
      "write for (let i = START; i < LIMIT; i++) with constants and no other writes to i",
    );
    return;
  }
  const tn = decl.getTypeNode();
  const resolved = tn ? L.types.resolve(tn) : undefined;
  if (tn && (!resolved || resolved.kind !== "int")) return;
  const type: IntType = resolved?.kind === "int" ? resolved : start >= 0n && limit <= 0xffffffffn ? U32 : I64;
  const first = L.convert({ kind: "const", value: start }, type, decl);
  const lim = L.convert({ kind: "const", value: limit }, type, cond!);
  if (first.kind !== "int" || lim.kind !== "int") return;
  const r = L.newReg();
  L.b.emit({ op: "mov", dst: r, src: first.op, w: 64 });
  const max = limit > start && start >= 0n ? limit - 1n : undefined;
  L.frame.bindings.set(decl, {
    kind: "var",
    reg: r,
    type,
    mutable: true,
    ...(max !== undefined ? { max } : {}),
  });
  const head = L.b.newBlock().id;
  const body = L.b.newBlock().id;
  const step = L.b.newBlock().id;
  const exit = L.b.newBlock().id;
  L.b.jump(head);
  L.b.switchTo(head);
  L.b.terminate({
    op: "br",
    cmp: type.signed ? "slt" : "lt",
    w: 64,
    a: r,
    b: L.legal(lim.op, 64),
    then: body,
    else: exit,
  });
  L.b.switchTo(body);
  L.loops.push({ breakTo: exit, continueTo: step });
  lowerStmt(L, s.getStatement());
  L.loops.pop();
  if (L.b.reachable) L.b.jump(step);
  L.b.switchTo(step);
  L.b.emit({ op: "alu", alu: "add", w: 64, dst: r, a: reg(r), b: imm(1) });
  L.b.jump(head);
  L.b.switchTo(exit);
}

/**
 * for (let i = A; i < n; i++) where n has a bound the compiler proved (a clamp `if (n > C) n = C`,
 * a mask, a narrow type) and the body does not write n: the test is done on n itself each
 * iteration, as C does, and the kernel walks the loop as far as n's range allows.
 */
function boundedByValue(
  L: Lowerer,
  s: import("ts-morph").ForStatement,
  decl: import("ts-morph").VariableDeclaration,
  start: bigint,
  limitNode: Node,
  inclusive: boolean,
): void {
  const unbounded = (why: string) =>
    L.error(
      Code.UNBOUNDED_LOOP,
      s,
      `cannot prove this loop ends: ${why}`,
      "bound the limit first (if (n > 4096) n = 4096;) or write for (let i = START; i < LIMIT; i++) with a constant LIMIT",
    );
  const limDecl = Node.isIdentifier(limitNode) ? declarationOf(limitNode) : undefined;
  if (limDecl && assigns(s.getStatement(), limDecl)) return void unbounded("the loop body changes its limit");
  const tn = decl.getTypeNode();
  const resolved = tn ? L.types.resolve(tn) : undefined;
  if (tn && (!resolved || resolved.kind !== "int")) return;
  const probe = rvalue(L, limitNode);
  if (probe.kind === "error") return;
  if (probe.kind !== "int" || probe.type.signed || probe.max === undefined)
    return void unbounded("its limit has no upper bound the compiler knows");
  const type: IntType = resolved?.kind === "int" ? resolved : probe.max < 0xffffffffn ? U32 : I64;
  const top = inclusive ? probe.max : probe.max - 1n;
  if (start < 0n || top >= maxOf(type)) return void unbounded("its counter could wrap");
  const first = L.convert({ kind: "const", value: start }, type, decl);
  if (first.kind !== "int") return;
  const r = L.newReg();
  L.b.emit({ op: "mov", dst: r, src: first.op, w: 64 });
  L.frame.bindings.set(decl, {
    kind: "var",
    reg: r,
    type,
    mutable: true,
    ...(top >= start ? { max: top } : {}),
  });
  const head = L.b.newBlock().id;
  const body = L.b.newBlock().id;
  const step = L.b.newBlock().id;
  const exit = L.b.newBlock().id;
  L.b.jump(head);
  L.b.switchTo(head);
  const lim = L.convert(rvalue(L, limitNode), type, limitNode);
  if (lim.kind !== "int") return;
  L.b.terminate({
    op: "br",
    cmp: type.signed ? (inclusive ? "sle" : "slt") : inclusive ? "le" : "lt",
    w: 64,
    a: r,
    b: L.legal(lim.op, 64),
    then: body,
    else: exit,
  });
  L.b.switchTo(body);
  L.loops.push({ breakTo: exit, continueTo: step });
  lowerStmt(L, s.getStatement());
  L.loops.pop();
  if (L.b.reachable) L.b.jump(step);
  L.b.switchTo(step);
  L.b.emit({ op: "alu", alu: "add", w: 64, dst: r, a: reg(r), b: imm(1) });
  L.b.jump(head);
  L.b.switchTo(exit);
}

function whileStatement(L: Lowerer, s: Statement): void {
  const cond = Node.isWhileStatement(s) || Node.isDoStatement(s) ? s.getExpression() : undefined;
  if (cond && constValue(cond) === 0n && Node.isDoStatement(s)) {
    // do { … } while (false): runs once; break leaves it
    const exit = L.b.newBlock().id;
    L.loops.push({ breakTo: exit, continueTo: exit });
    lowerStmt(L, s.getStatement());
    L.loops.pop();
    if (L.b.reachable) L.b.jump(exit);
    L.b.switchTo(exit);
    return;
  }
  if (cond && constValue(cond) === 0n) return;
  L.error(
    Code.UNBOUNDED_LOOP,
    s,
    "cannot prove this loop ends: the kernel verifier only accepts loops with a known bound",
    "write for (let i = 0; i < LIMIT; i++) with a constant LIMIT, and break out early when done",
  );
}

function switchStatement(L: Lowerer, s: Statement): void {
  if (!Node.isSwitchStatement(s)) return;
  const disc = rvalue(L, s.getExpression());
  if (disc.kind !== "int" && disc.kind !== "const") {
    if (disc.kind !== "error") L.error(Code.OPERAND_TYPE, s.getExpression(), "switch needs an integer");
    return;
  }
  const type = disc.kind === "int" ? disc.type : I64;
  const dv = L.convert(disc, type, s.getExpression());
  if (dv.kind !== "int") return;
  const dreg = L.inReg(dv.op);
  const clauses = s.getClauses();
  const exit = L.b.newBlock().id;
  const bodies: BlockId[] = clauses.map(() => L.b.newBlock().id);
  let defaultBody: BlockId = exit;
  clauses.forEach((c, i) => {
    if (Node.isDefaultClause(c)) {
      defaultBody = bodies[i]!;
      return;
    }
    const cv = L.convert(rvalue(L, c.getExpression()), type, c.getExpression());
    if (cv.kind !== "int") return;
    const next = L.b.newBlock().id;
    L.b.terminate({
      op: "br",
      cmp: "eq",
      w: 64,
      a: dreg,
      b: L.legal(cv.op, 64),
      then: bodies[i]!,
      else: next,
    });
    L.b.switchTo(next);
  });
  L.b.jump(defaultBody);
  L.loops.push({ breakTo: exit, continueTo: -1 });
  clauses.forEach((c, i) => {
    L.b.switchTo(bodies[i]!);
    for (const st of c.getStatements()) lowerStmt(L, st);
    if (L.b.reachable) L.b.jump(bodies[i + 1] ?? exit); // fall through, as in C and JavaScript
  });
  L.loops.pop();
  L.b.switchTo(exit);
}

export { imm };
