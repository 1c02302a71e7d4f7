import { Node, SyntaxKind, type Expression } from "ts-morph";
import { sizeOf, type Field, type Layout } from "../../../runtime/layout/index.js";
import { Code } from "../../diagnostics/codes.js";
import { constValue } from "../../frontend/constants.js";
import { dslOfLayout, describeLayout } from "../../frontend/dsl-types.js";
import { commonType, I64, INT_TYPES, intName, maxOf, U32, type IntType } from "../../frontend/int-types.js";
import { declarationOf, stdlibNameOf } from "../../frontend/intrinsics.js";
import { imm, reg, type AtomicOp, type BlockId, type CmpOp, type Operand, type Size } from "../ir.js";
import { lowerCall } from "./calls.js";
import { contextField } from "./context.js";
import { offsetAddr, type Lowerer } from "./lowerer.js";
import { ERROR, VOID, type NullTest, type Value } from "./values.js";

/** Expression visitors: one case per syntax kind the subset allows. */

export function lowerExpr(L: Lowerer, node: Node): Value {
  const c = constValue(node);
  if (c !== undefined && !Node.isTrueLiteral(node) && !Node.isFalseLiteral(node))
    return { kind: "const", value: c };
  switch (node.getKind()) {
    case SyntaxKind.NumericLiteral:
      return ERROR; // floats: reported by the subset check
    case SyntaxKind.TrueKeyword:
      return { kind: "bool", op: imm(1) };
    case SyntaxKind.FalseKeyword:
      return { kind: "bool", op: imm(0) };
    case SyntaxKind.NullKeyword:
      return { kind: "null" };
    case SyntaxKind.ParenthesizedExpression:
      return lowerExpr(L, (node as Expression & { getExpression(): Expression }).getExpression());
    case SyntaxKind.Identifier:
      return identifier(L, node);
    case SyntaxKind.PropertyAccessExpression:
      return propertyAccess(L, node);
    case SyntaxKind.ElementAccessExpression:
      return elementAccess(L, node);
    case SyntaxKind.AsExpression:
    case SyntaxKind.TypeAssertionExpression:
      return asExpression(L, node);
    case SyntaxKind.SatisfiesExpression:
      return lowerExpr(L, (node as Expression & { getExpression(): Expression }).getExpression());
    case SyntaxKind.NonNullExpression:
      return L.error(
        Code.EXPRESSION,
        node,
        "the `!` assertion does not check for null, and the kernel verifier requires a check",
        "test it first: if (!p) return 0;",
      );
    case SyntaxKind.PrefixUnaryExpression:
      return prefix(L, node);
    case SyntaxKind.PostfixUnaryExpression:
      return postfix(L, node);
    case SyntaxKind.BinaryExpression:
      return binary(L, node);
    case SyntaxKind.ConditionalExpression:
      return conditional(L, node);
    case SyntaxKind.CallExpression:
      return lowerCall(L, node);
    case SyntaxKind.ObjectLiteralExpression:
      return L.error(
        Code.ALLOCATION,
        node,
        "an object literal here would allocate memory",
        "use it only to initialise a typed local (const k: Key = { … }), a map key or value argument, or a struct field",
      );
    default:
      if (!L.rep.diagnostics.some((d) => d.location?.line === node.getStartLineNumber()))
        L.error(
          Code.EXPRESSION,
          node,
          `\`${node.getKindName()}\` expressions are not supported in eBPF programs`,
        );
      return ERROR;
  }
}

/** The value of an expression as an integer or bool in a register (loads places). */
export function rvalue(L: Lowerer, node: Node): Value {
  return load(L, lowerExpr(L, node));
}

export function load(L: Lowerer, v: Value): Value {
  if (v.kind !== "place") return v;
  const l = v.layout;
  if (l.kind === "int") {
    const t = dslOfLayout(l) as IntType;
    return { kind: "int", type: t, op: L.load(l.size, v.addr, t) };
  }
  if (l.kind === "bool") return { kind: "bool", op: L.load(1, v.addr, { kind: "bool" }) };
  return v;
}

function identifier(L: Lowerer, node: Node): Value {
  if (node.getText() === "undefined") return { kind: "null" };
  const decl = declarationOf(node);
  if (!decl) return L.error(Code.EXPRESSION, node, `cannot resolve \`${node.getText()}\``);
  const b = L.lookup(decl);
  if (b) {
    // TypeScript narrowed `x` past an `x === undefined` test: use the value itself
    if (b.kind === "value" && b.value.kind === "opt" && !node.getType().isNullable()) return b.value.value;
    if (b.kind === "value") return b.value;
    return b.type.kind === "bool"
      ? { kind: "bool", op: reg(b.reg) }
      : { kind: "int", type: b.type, op: reg(b.reg), ...(b.max !== undefined ? { max: b.max } : {}) };
  }
  const map = L.mod.maps.get(decl);
  if (map) return { kind: "map", map };
  const g = L.mod.globals.get(decl);
  if (g) {
    const r = L.newReg();
    L.b.emit({ op: "ldglobal", dst: r, section: g.section, offset: g.offset });
    const layout: Layout =
      g.type.kind === "agg"
        ? g.type.layout
        : g.type.kind === "bool"
          ? { kind: "bool" }
          : { kind: "int", size: (g.type.bits / 8) as 1 | 2 | 4 | 8, signed: g.type.signed };
    return {
      kind: "place",
      layout,
      addr: { kind: "reg", reg: r, off: 0 },
      region: "global",
      readOnly: g.readOnly,
    };
  }
  if (Node.isFunctionDeclaration(decl) || Node.isArrowFunction(decl))
    return L.error(
      Code.EXPRESSION,
      node,
      "functions are not values in eBPF programs",
      "call the function instead",
    );
  return L.error(
    Code.EXPRESSION,
    node,
    `\`${node.getText()}\` cannot be used in an eBPF program`,
    "use locals, parameters, maps, globals or constants",
  );
}

function fieldOf(L: Lowerer, v: Value, name: string, node: Node): Value {
  if (v.kind === "error") return v;
  if (v.kind === "ctx") return contextField(L, name, node);
  if (v.kind === "packet") {
    if (name === "length") return packetLength(L, node);
    return L.error(
      Code.CONTEXT_FIELD,
      node,
      `packets have no field \`${name}\``,
      "use ctx.packet.at<Header>(offset) or ctx.packet.length",
    );
  }
  let place: Value = v;
  if (v.kind === "ptr") {
    if (v.cell) {
      if (name !== "value")
        return L.error(Code.OPERAND_TYPE, node, `a map value reference has only \`.value\``);
      return {
        kind: "place",
        layout: v.layout,
        addr: { kind: "reg", reg: v.reg, off: 0 },
        region: v.region,
        readOnly: false,
      };
    }
    place = {
      kind: "place",
      layout: v.layout,
      addr: { kind: "reg", reg: v.reg, off: 0 },
      region: v.region,
      readOnly: false,
    };
  }
  if (place.kind !== "place" || (place.layout.kind !== "struct" && place.layout.kind !== "union"))
    return L.error(Code.OPERAND_TYPE, node, `\`${name}\` is not a field of ${L.describe(v)}`);
  const f: Field | undefined = place.layout.fields.find((x) => x.name === name);
  if (!f) return L.error(Code.OPERAND_TYPE, node, `${describeLayout(place.layout)} has no field \`${name}\``);
  if (f.bitSize !== undefined) return L.error(Code.NOT_SUPPORTED, node, "bit-fields are not supported yet");
  return { ...place, layout: f.layout, addr: offsetAddr(place.addr, f.offset) };
}

function propertyAccess(L: Lowerer, node: Node): Value {
  if (!Node.isPropertyAccessExpression(node)) return ERROR;
  const obj = lowerExpr(L, node.getExpression());
  return fieldOf(L, obj, node.getName(), node);
}

function packetLength(L: Lowerer, node: Node): Value {
  const { data, end } = packetBounds(L, node);
  if (data === undefined || end === undefined) return ERROR;
  const r = L.newReg();
  L.b.emit({ op: "alu", alu: "sub", w: 32, dst: r, a: reg(end), b: reg(data) });
  return { kind: "int", type: U32, op: reg(r) };
}

/** Registers with ctx->data and ctx->data_end (xdp_md or __sk_buff). */
export function packetBounds(L: Lowerer, node: Node): { data?: number; end?: number } {
  const kind = L.prog?.kind;
  const offsets = kind === "xdp" ? [0, 4] : kind === "tc" || kind === "cgroupSkb" ? [76, 80] : undefined;
  if (!offsets) {
    L.error(
      Code.NOT_SUPPORTED,
      node,
      kind === "socketFilter"
        ? "socket filters cannot read the packet directly (the kernel forbids it)"
        : "this program kind has no packet",
      kind === "socketFilter"
        ? "copy what you need with ctx.packet.read<T>(offset) (bpf_skb_load_bytes); offsets start at the IP header"
        : undefined,
    );
    return {};
  }
  const data = L.newReg();
  const end = L.newReg();
  L.b.emit({ op: "load", size: 4, dst: data, addr: { kind: "reg", reg: L.ctxReg, off: offsets[0]! } });
  L.b.emit({ op: "load", size: 4, dst: end, addr: { kind: "reg", reg: L.ctxReg, off: offsets[1]! } });
  return { data, end };
}

function elementAccess(L: Lowerer, node: Node): Value {
  if (!Node.isElementAccessExpression(node)) return ERROR;
  const obj = lowerExpr(L, node.getExpression());
  if (obj.kind === "error") return obj;
  if (obj.kind !== "place" || (obj.layout.kind !== "array" && obj.layout.kind !== "cstring"))
    return L.error(
      Code.OPERAND_TYPE,
      node,
      `only fixed arrays and CStrings can be indexed, not ${L.describe(obj)}`,
    );
  const elem: Layout =
    obj.layout.kind === "array" ? obj.layout.elem : { kind: "int", size: 1, signed: false };
  const length = obj.layout.length;
  const esize = sizeOf(elem);
  const argNode = node.getArgumentExpressionOrThrow();
  const idx = rvalue(L, argNode);
  if (idx.kind === "const") {
    if (idx.value < 0n || idx.value >= BigInt(length))
      return L.error(Code.LITERAL_RANGE, argNode, `index ${idx.value} is outside 0..${length - 1}`);
    return { ...obj, layout: elem, addr: offsetAddr(obj.addr, Number(idx.value) * esize) };
  }
  if (idx.kind !== "int") return L.error(Code.OPERAND_TYPE, argNode, "an index must be an integer");
  if (idx.type.signed || idx.max === undefined || idx.max >= BigInt(length))
    return L.error(
      Code.NOT_SUPPORTED,
      argNode,
      `cannot prove this index is below ${length}`,
      `index with a loop counter of for (let i = 0; i < ${length}; i++), a constant, or mask it (i & ${nextMask(length)}) when the length is a power of two`,
    );
  const base = L.addressOf(obj.addr);
  const off = L.newReg();
  L.b.emit({ op: "alu", alu: "mul", w: 64, dst: off, a: idx.op, b: imm(esize) });
  const p = L.newReg();
  L.b.emit({ op: "alu", alu: "add", w: 64, dst: p, a: reg(base), b: reg(off) });
  return { ...obj, layout: elem, addr: { kind: "reg", reg: p, off: 0 } };
}

function nextMask(n: number): number {
  return (1 << Math.ceil(Math.log2(n))) - 1;
}

function asExpression(L: Lowerer, node: Node): Value {
  if (!Node.isAsExpression(node) && !Node.isTypeAssertion(node)) return ERROR;
  const tn = node.getTypeNode();
  const inner = node.getExpression();
  if (!tn || tn.getText() === "const") return lowerExpr(L, inner);
  const std = Node.isTypeReference(tn) ? stdlibNameOf(tn.getTypeName(), "type") : undefined;
  const it = std !== undefined ? INT_TYPES[std] : undefined;
  if (it) return L.convert(rvalue(L, inner), it, node, true);
  return lowerExpr(L, inner);
}

function prefix(L: Lowerer, node: Node): Value {
  if (!Node.isPrefixUnaryExpression(node)) return ERROR;
  const opnd = node.getOperand();
  switch (node.getOperatorToken()) {
    case SyntaxKind.ExclamationToken:
      return boolValue(L, node);
    case SyntaxKind.PlusToken:
      return rvalue(L, opnd);
    case SyntaxKind.MinusToken:
    case SyntaxKind.TildeToken: {
      const v = rvalue(L, opnd);
      if (v.kind === "error") return v;
      if (v.kind !== "int") return L.error(Code.OPERAND_TYPE, node, `cannot negate ${L.describe(v)}`);
      const neg = node.getOperatorToken() === SyntaxKind.MinusToken;
      if (neg && !v.type.signed)
        return L.error(
          Code.SIGN_MIX,
          node,
          `negating an unsigned ${intName(v.type)} wraps`,
          `write 0 - x, or convert to a signed type first`,
        );
      const r = neg
        ? L.arith("-", v.type, imm(0), v.op)
        : L.arith("^", v.type, v.op, imm(v.type.signed ? -1n : maxOf(v.type)));
      return { kind: "int", type: v.type, op: r };
    }
    case SyntaxKind.PlusPlusToken:
    case SyntaxKind.MinusMinusToken:
      return increment(
        L,
        opnd,
        node.getOperatorToken() === SyntaxKind.PlusPlusToken ? "+" : "-",
        false,
        node,
      );
  }
  return L.error(Code.EXPRESSION, node, "unsupported unary operator");
}

function postfix(L: Lowerer, node: Node): Value {
  if (!Node.isPostfixUnaryExpression(node)) return ERROR;
  return increment(
    L,
    node.getOperand(),
    node.getOperatorToken() === SyntaxKind.PlusPlusToken ? "+" : "-",
    true,
    node,
  );
}

function increment(L: Lowerer, target: Node, op: "+" | "-", post: boolean, node: Node): Value {
  if (Node.isExpressionStatement(node.getParent()) && !Node.isIdentifier(target))
    return updatePlace(L, target, op, { kind: "const", value: 1n }, node);
  const before = rvalue(L, target);
  if (before.kind === "error") return before;
  if (before.kind !== "int")
    return L.error(Code.OPERAND_TYPE, node, `cannot increment ${L.describe(before)}`);
  const old = L.newReg();
  if (post) L.b.emit({ op: "mov", dst: old, src: before.op, w: 64 });
  const after: Value = { kind: "int", type: before.type, op: L.arith(op, before.type, before.op, imm(1)) };
  assignTo(L, target, after, node);
  return post ? { kind: "int", type: before.type, op: reg(old) } : after;
}

const ARITH: Readonly<Record<string, "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>">> = {
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  "%": "%",
  "&": "&",
  "|": "|",
  "^": "^",
  "<<": "<<",
  ">>": ">>",
  ">>>": ">>",
};

const COMPOUND: Readonly<Record<string, string>> = {
  "+=": "+",
  "-=": "-",
  "*=": "*",
  "/=": "/",
  "%=": "%",
  "&=": "&",
  "|=": "|",
  "^=": "^",
  "<<=": "<<",
  ">>=": ">>",
  ">>>=": ">>",
};

const COMPARE = new Set(["<", "<=", ">", ">=", "===", "!==", "==", "!="]);

function binary(L: Lowerer, node: Node): Value {
  if (!Node.isBinaryExpression(node)) return ERROR;
  const op = node.getOperatorToken().getText();
  if (op === "=") {
    const right = node.getRight();
    if (Node.isObjectLiteralExpression(right)) {
      const target = lowerExpr(L, node.getLeft());
      initObject(L, target, right);
      return { kind: "void" };
    }
    const v = lowerExpr(L, right);
    assignTo(L, node.getLeft(), v, node);
    return v;
  }
  if (COMPOUND[op]) {
    if (Node.isExpressionStatement(node.getParent())) return compoundStatement(L, node, COMPOUND[op]!);
    const v = arithmetic(L, COMPOUND[op]!, rvalue(L, node.getLeft()), rvalue(L, node.getRight()), node);
    assignTo(L, node.getLeft(), v, node);
    return v;
  }
  if (ARITH[op])
    return arithmetic(L, ARITH[op]!, rvalue(L, node.getLeft()), rvalue(L, node.getRight()), node);
  if (COMPARE.has(op) || op === "&&" || op === "||") return boolValue(L, node);
  if (op === "**")
    return L.error(
      Code.EXPRESSION,
      node,
      "`**` is only supported between constants",
      "write the multiplication out",
    );
  if (op === ",")
    return L.error(Code.EXPRESSION, node, "the comma operator is not supported", "use separate statements");
  if (op === "??") return nullish(L, node);
  return L.error(Code.EXPRESSION, node, `operator \`${op}\` is not supported`);
}

const ATOMIC_OPS: Readonly<Record<string, AtomicOp>> = {
  "+": "add",
  "-": "add",
  "|": "or",
  "&": "and",
  "^": "xor",
};

/** `target op= value` whose result nobody reads (a statement). */
function compoundStatement(
  L: Lowerer,
  node: Node & { getLeft(): Node; getRight(): Node },
  op: string,
): Value {
  const left = node.getLeft();
  if (Node.isIdentifier(left)) {
    const v = arithmetic(L, op, rvalue(L, left), rvalue(L, node.getRight()), node);
    assignTo(L, left, v, node);
    return VOID;
  }
  return updatePlace(L, left, op, rvalue(L, node.getRight()), node);
}

/**
 * `place op= v` as a statement, lowering the place once. Map values (other than per-CPU ones) and
 * globals are shared between CPUs, so +=, -=, |=, &=, ^= on their 32- and 64-bit integers are
 * atomic (BPF_ATOMIC, what __sync_fetch_and_add compiles to); elsewhere load, compute, store.
 */
function updatePlace(L: Lowerer, target: Node, op: string, by: Value, node: Node): Value {
  const place = lowerExpr(L, target);
  if (place.kind === "error" || by.kind === "error") return ERROR;
  if (place.kind !== "place") {
    L.error(Code.READ_ONLY, target, `cannot assign to ${L.describe(place)}`);
    return ERROR;
  }
  const l = place.layout;
  const aop = ATOMIC_OPS[op];
  if (
    aop &&
    (place.region === "map" || place.region === "global") &&
    !place.readOnly &&
    l.kind === "int" &&
    (l.size === 4 || l.size === 8)
  ) {
    const t = dslOfLayout(l) as IntType;
    let v = L.convert(by, t, node);
    if (v.kind !== "int") return ERROR;
    if (op === "-") v = { kind: "int", type: t, op: L.arith("-", t, imm(0), v.op) };
    L.b.emit({ op: "atomic", aop, size: l.size, addr: place.addr, src: L.inReg(v.op) });
    return VOID;
  }
  storeInto(L, place, arithmetic(L, op, load(L, place), by, node), node);
  return VOID;
}

/**
 * `a ?? b` for a value that may be absent (map.get, queue.pop, packet.read of an integer): a when
 * present, else b — evaluated only then, as JavaScript does.
 */
function nullish(L: Lowerer, node: Node & { getLeft(): Node; getRight(): Node }): Value {
  const a = lowerExpr(L, node.getLeft());
  if (a.kind === "error") return a;
  if (a.kind !== "opt") {
    if (a.kind === "ptr" || a.kind === "null")
      return L.error(
        Code.NOT_SUPPORTED,
        node,
        "`??` works on integers and bools that may be undefined (map.get, pop, packet.read)",
        "test the reference with an if",
      );
    return load(L, a); // never undefined
  }
  const inner = load(L, a.value);
  if (inner.kind !== "int" && inner.kind !== "bool")
    return L.error(Code.OPERAND_TYPE, node, "`??` needs an integer or bool");
  const result = L.newReg();
  const present = L.b.newBlock().id;
  const absent = L.b.newBlock().id;
  const join = L.b.newBlock().id;
  branchOn(L, a.absentIf, absent, present);
  L.b.switchTo(present);
  L.b.emit({ op: "mov", dst: result, src: inner.op, w: 64 });
  L.b.jump(join);
  L.b.switchTo(absent);
  const r = rvalue(L, node.getRight());
  const c = inner.kind === "int" ? L.convert(r, inner.type, node.getRight()) : r;
  if (c.kind !== "int" && c.kind !== "bool") {
    if (c.kind !== "error") L.error(Code.OPERAND_TYPE, node.getRight(), `expected ${L.describe(inner)}`);
    return ERROR;
  }
  L.b.emit({ op: "mov", dst: result, src: c.op, w: 64 });
  L.b.jump(join);
  L.b.switchTo(join);
  return inner.kind === "int"
    ? { kind: "int", type: inner.type, op: reg(result) }
    : { kind: "bool", op: reg(result) };
}

/** Integer arithmetic with the DSL's typing rules (see frontend/int-types.ts). */
export function arithmetic(
  L: Lowerer,
  op: "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>" | string,
  a: Value,
  b: Value,
  node: Node,
): Value {
  if (a.kind === "error" || b.kind === "error") return ERROR;
  const o = op as "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";
  for (const v of [a, b])
    if (v.kind !== "int" && v.kind !== "const")
      return L.error(Code.OPERAND_TYPE, node, `\`${op}\` needs integers, found ${L.describe(v)}`);
  if (a.kind === "const" && b.kind === "const") {
    const c = constValue(node);
    if (c === undefined && (o === "/" || o === "%") && b.value === 0n)
      return L.error(Code.DIVIDE_BY_ZERO, node, "division by zero");
    return c !== undefined
      ? { kind: "const", value: c }
      : L.error(Code.NOT_CONSTANT, node, "this constant expression cannot be evaluated");
  }
  if ((o === "/" || o === "%") && b.kind === "const" && b.value === 0n)
    return L.error(
      Code.DIVIDE_BY_ZERO,
      node,
      "division by zero",
      "eBPF would give 0 (x / 0) or x (x % 0); write that if you mean it",
    );
  let t: IntType;
  if (o === "<<" || o === ">>") {
    t = a.kind === "int" ? a.type : (b as { type: IntType }).type;
    if (b.kind === "const" && (b.value < 0n || b.value >= BigInt(t.bits)))
      return L.error(
        Code.SHIFT_RANGE,
        node,
        `shift by ${b.value} is outside 0..${t.bits - 1} for ${intName(t)}`,
      );
    const av = L.convert(a, t, node);
    if (av.kind !== "int") return ERROR;
    const bv = b.kind === "const" ? imm(b.value) : (b as { op: Operand }).op;
    let max: bigint | undefined;
    if (o === ">>" && !t.signed && b.kind === "const") max = (av.max ?? maxOf(t)) >> b.value;
    if (o === "<<" && !t.signed && b.kind === "const" && av.max !== undefined) max = av.max << b.value;
    const fitsType = max !== undefined && max <= maxOf(t);
    const out = L.arith(o, t, av.op, bv, fitsType);
    if (!fitsType) max = o === ">>" ? max : undefined;
    return { kind: "int", type: t, op: out, ...(max !== undefined ? { max } : {}) };
  }
  if (a.kind === "int" && b.kind === "int") {
    const c = commonType(a.type, b.type);
    if (!c)
      return L.error(
        Code.SIGN_MIX,
        node,
        `\`${op}\` mixes ${intName(a.type)} and ${intName(b.type)}, and neither holds every value of the other`,
        `convert one side explicitly, e.g. i64(x) or u64(x)`,
      );
    t = c;
  } else t = a.kind === "int" ? a.type : (b as { type: IntType }).type;
  const av = L.convert(a, t, node);
  const bv = L.convert(b, t, node);
  if (av.kind !== "int" || bv.kind !== "int") return ERROR;
  // unsigned + and * whose operands have known bounds may be proven not to wrap
  const bound = (v: Value & { kind: "int" }): bigint | undefined =>
    v.op.kind === "imm" ? v.op.value : v.max;
  const am = bound(av);
  const bm = bound(bv);
  let grown: bigint | undefined;
  if (!t.signed && am !== undefined && bm !== undefined && (o === "+" || o === "*"))
    grown = o === "+" ? am + bm : am * bm;
  const fitsType = grown !== undefined && grown <= maxOf(t);
  const out = L.arith(o, t, av.op, bv.op, fitsType);
  let max: bigint | undefined = fitsType ? grown : undefined;
  if (!t.signed && o === "&")
    max = [
      av.max,
      bv.max,
      bv.op.kind === "imm" ? bv.op.value : undefined,
      av.op.kind === "imm" ? av.op.value : undefined,
    ]
      .filter((x): x is bigint => x !== undefined)
      .reduce((m, x) => (m === undefined || x < m ? x : m), undefined as bigint | undefined);
  if (!t.signed && o === "%" && bv.op.kind === "imm") max = bv.op.value - 1n;
  return { kind: "int", type: t, op: out, ...(max !== undefined ? { max } : {}) };
}

function conditional(L: Lowerer, node: Node): Value {
  if (!Node.isConditionalExpression(node)) return ERROR;
  const t = L.b.newBlock().id;
  const f = L.b.newBlock().id;
  const join = L.b.newBlock().id;
  lowerCond(L, node.getCondition(), t, f);
  const result = L.newReg();
  L.b.switchTo(t);
  const tv = rvalue(L, node.getWhenTrue());
  const tb = L.b.block;
  L.b.switchTo(f);
  const fv = rvalue(L, node.getWhenFalse());
  if (tv.kind === "error" || fv.kind === "error") return ERROR;
  let type: IntType | { kind: "bool" };
  if (tv.kind === "bool" && fv.kind === "bool") type = { kind: "bool" };
  else if (tv.kind === "const" && fv.kind === "const") type = I64;
  else if ((tv.kind === "int" || tv.kind === "const") && (fv.kind === "int" || fv.kind === "const")) {
    const c =
      tv.kind === "int" && fv.kind === "int"
        ? commonType(tv.type, fv.type)
        : tv.kind === "int"
          ? tv.type
          : (fv as { type: IntType }).type;
    if (!c)
      return L.error(
        Code.SIGN_MIX,
        node,
        "the two branches have types that mix signed and unsigned",
        "convert one branch explicitly",
      );
    type = c;
  } else return L.error(Code.OPERAND_TYPE, node, "both branches of ?: must be integers or bools");
  const put = (v: Value, n: Node): void => {
    const c = type.kind === "bool" ? v : L.convert(v, type as IntType, n);
    if (c.kind === "error") return;
    L.b.emit({ op: "mov", dst: result, src: L.operand(c), w: 64 });
    L.b.jump(join);
  };
  put(fv, node.getWhenFalse());
  L.b.switchTo(tb);
  put(tv, node.getWhenTrue());
  L.b.switchTo(join);
  return type.kind === "bool" ? { kind: "bool", op: reg(result) } : { kind: "int", type, op: reg(result) };
}

/** A condition as a 0/1 value (for `const ok = a < b`). */
export function boolValue(L: Lowerer, node: Node): Value {
  const t = L.b.newBlock().id;
  const f = L.b.newBlock().id;
  const join = L.b.newBlock().id;
  const r = L.newReg();
  lowerCond(L, node, t, f);
  L.b.switchTo(t);
  L.b.emit({ op: "mov", dst: r, src: imm(1), w: 64 });
  L.b.jump(join);
  L.b.switchTo(f);
  L.b.emit({ op: "mov", dst: r, src: imm(0), w: 64 });
  L.b.jump(join);
  L.b.switchTo(join);
  return { kind: "bool", op: reg(r) };
}

const CMP: Readonly<Record<string, [CmpOp, CmpOp]>> = {
  "<": ["lt", "slt"],
  "<=": ["le", "sle"],
  ">": ["gt", "sgt"],
  ">=": ["ge", "sge"],
  "===": ["eq", "eq"],
  "==": ["eq", "eq"],
  "!==": ["ne", "ne"],
  "!=": ["ne", "ne"],
};
const SWAP: Readonly<Record<CmpOp, CmpOp>> = {
  lt: "gt",
  gt: "lt",
  le: "ge",
  ge: "le",
  slt: "sgt",
  sgt: "slt",
  sle: "sge",
  sge: "sle",
  eq: "eq",
  ne: "ne",
  set: "set",
};

/** Lowers a condition straight into control flow (short-circuit && and ||, no 0/1 values). */
export function lowerCond(L: Lowerer, node: Node, t: BlockId, f: BlockId): void {
  if (Node.isParenthesizedExpression(node)) return lowerCond(L, node.getExpression(), t, f);
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken)
    return lowerCond(L, node.getOperand(), f, t);
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getText();
    if (op === "&&" || op === "||") {
      const mid = L.b.newBlock().id;
      if (op === "&&") lowerCond(L, node.getLeft(), mid, f);
      else lowerCond(L, node.getLeft(), t, mid);
      L.b.switchTo(mid);
      return lowerCond(L, node.getRight(), t, f);
    }
    if (CMP[op]) return compare(L, op, node.getLeft(), node.getRight(), node, t, f);
  }
  const c = constValue(node);
  if (c !== undefined) return L.b.jump(c !== 0n ? t : f);
  const v = rvalue(L, node);
  truthy(L, v, node, t, f);
}

/** When a pointer is null. */
export function nullTestOf(v: Value & { kind: "ptr" }): NullTest {
  return v.nullIf ?? { cmp: "eq", a: v.reg, b: imm(0) };
}

/** Branches to `t` when the test holds. */
export function branchOn(L: Lowerer, test: NullTest, t: BlockId, f: BlockId): void {
  L.b.terminate({ op: "br", cmp: test.cmp, w: 64, a: test.a, b: test.b, then: t, else: f });
}

function truthy(L: Lowerer, v: Value, node: Node, t: BlockId, f: BlockId): void {
  switch (v.kind) {
    case "error":
      return L.b.jump(f);
    case "const":
      return L.b.jump(v.value !== 0n ? t : f);
    case "bool":
      if (v.test) return branchOn(L, v.test, t, f);
      return L.b.terminate({ op: "br", cmp: "ne", w: 64, a: L.inReg(v.op), b: imm(0), then: t, else: f });
    case "int":
      return L.b.terminate({ op: "br", cmp: "ne", w: 64, a: L.inReg(v.op), b: imm(0), then: t, else: f });
    case "ptr":
      return branchOn(L, nullTestOf(v), f, t);
    case "opt": {
      // JavaScript truthiness: present and not 0
      const present = L.b.newBlock().id;
      branchOn(L, v.absentIf, f, present);
      L.b.switchTo(present);
      return truthy(L, v.value, node, t, f);
    }
    case "null":
      return L.b.jump(f);
    default:
      L.error(Code.OPERAND_TYPE, node, `${L.describe(v)} cannot be used as a condition`);
      return L.b.jump(f);
  }
}

function compare(L: Lowerer, op: string, ln: Node, rn: Node, node: Node, t: BlockId, f: BlockId): void {
  let a = rvalue(L, ln);
  let b = rvalue(L, rn);
  if (a.kind === "error" || b.kind === "error") return L.b.jump(f);
  const eq = op === "===" || op === "==";
  const ne = op === "!==" || op === "!=";
  // null / undefined tests of pointers and optional values
  if (a.kind === "null" && b.kind !== "null") [a, b] = [b, a];
  if (b.kind === "null") {
    if (!eq && !ne) {
      L.error(Code.OPERAND_TYPE, node, "only === and !== can compare with null or undefined");
      return L.b.jump(f);
    }
    const test = a.kind === "ptr" ? nullTestOf(a) : a.kind === "opt" ? a.absentIf : undefined;
    if (test === undefined) {
      L.error(Code.OPERAND_TYPE, node, `${L.describe(a)} is never null or undefined`);
      return L.b.jump(f);
    }
    return eq ? branchOn(L, test, t, f) : branchOn(L, test, f, t);
  }
  if (a.kind === "opt") a = a.value;
  if (b.kind === "opt") b = b.value;
  if (a.kind === "bool" && b.kind === "bool" && (eq || ne)) {
    return L.b.terminate({
      op: "br",
      cmp: eq ? "eq" : "ne",
      w: 64,
      a: L.inReg(a.op),
      b: b.op,
      then: t,
      else: f,
    });
  }
  if (a.kind === "const" && b.kind === "const") {
    const c = constValue(node);
    return L.b.jump(c !== undefined && c !== 0n ? t : f);
  }
  if ((a.kind !== "int" && a.kind !== "const") || (b.kind !== "int" && b.kind !== "const")) {
    L.error(Code.OPERAND_TYPE, node, `cannot compare ${L.describe(a)} with ${L.describe(b)}`);
    return L.b.jump(f);
  }
  let type: IntType;
  if (a.kind === "int" && b.kind === "int") {
    const c = commonType(a.type, b.type);
    if (!c) {
      L.error(
        Code.SIGN_MIX,
        node,
        `comparing ${intName(a.type)} with ${intName(b.type)} mixes signed and unsigned`,
        "convert one side explicitly so the comparison means what you intend",
      );
      return L.b.jump(f);
    }
    type = c;
  } else type = a.kind === "int" ? a.type : (b as { type: IntType }).type;
  const av = L.convert(a, type, ln);
  const bv = L.convert(b, type, rn);
  if (av.kind !== "int" || bv.kind !== "int") return L.b.jump(f);
  let cmp = CMP[op]![type.signed ? 1 : 0];
  let x = av.op;
  let y = bv.op;
  if (x.kind === "imm") {
    [x, y] = [y, x];
    cmp = SWAP[cmp];
  }
  L.b.terminate({ op: "br", cmp, w: 64, a: L.inReg(x), b: L.legal(y, 64), then: t, else: f });
}

/** Stores `v` into what `target` denotes (a local, a field, an element, a global). */
export function assignTo(L: Lowerer, target: Node, v: Value, node: Node): void {
  if (v.kind === "error") return;
  if (Node.isIdentifier(target)) {
    const decl = declarationOf(target);
    const b = decl ? L.lookup(decl) : undefined;
    if (b?.kind === "var") {
      if (!b.mutable) {
        L.error(Code.READ_ONLY, node, `\`${target.getText()}\` is const`);
        return;
      }
      const c =
        b.type.kind === "bool"
          ? v.kind === "bool"
            ? v
            : L.error(Code.OPERAND_TYPE, node, "expected a bool")
          : L.convert(load(L, v), b.type, node);
      if (c.kind === "error") return;
      L.b.emit({ op: "mov", dst: b.reg, src: L.operand(c), w: 64 });
      b.max = b.bound;
      return;
    }
  }
  const place = lowerExpr(L, target);
  if (place.kind === "error") return;
  if (place.kind !== "place") {
    L.error(Code.READ_ONLY, target, `cannot assign to ${L.describe(place)}`);
    return;
  }
  storeInto(L, place, v, node);
}

export function storeInto(L: Lowerer, place: Value & { kind: "place" }, v0: Value, node: Node): void {
  if (place.readOnly || place.region === "ctx") {
    L.error(
      Code.READ_ONLY,
      node,
      place.region === "ctx" ? "the program context is read-only" : "this value is read-only",
    );
    return;
  }
  const l = place.layout;
  const v = load(L, v0);
  if (v.kind === "error") return;
  if (l.kind === "int" || l.kind === "bool") {
    let op: Operand;
    if (l.kind === "bool") {
      if (v.kind !== "bool") {
        L.error(Code.OPERAND_TYPE, node, `expected a bool, found ${L.describe(v)}`);
        return;
      }
      op = v.op;
    } else {
      const c = L.convert(v, dslOfLayout(l) as IntType, node);
      if (c.kind !== "int") return;
      op = c.op;
    }
    L.store((l.kind === "bool" ? 1 : l.size) as Size, place.addr, op);
    return;
  }
  if (v.kind === "place" && sameLayout(v.layout, l)) {
    L.copy(place.addr, v.addr, sizeOf(l), alignOf(l));
    return;
  }
  if (v.kind === "ptr" && !v.cell && sameLayout(v.layout, l)) {
    L.copy(place.addr, { kind: "reg", reg: v.reg, off: 0 }, sizeOf(l), alignOf(l));
    return;
  }
  L.error(Code.OPERAND_TYPE, node, `cannot store ${L.describe(v)} into ${describeLayout(l)}`);
}

function alignOf(l: Layout): number {
  if (l.kind === "int") return l.size;
  if (l.kind === "struct" || l.kind === "union") return l.align;
  if (l.kind === "array") return alignOf(l.elem);
  return 1;
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `place = { a: 1, b: x }`: zero the place (padding included), then store each field. */
export function initObject(L: Lowerer, target: Value, lit: Node): void {
  if (target.kind === "error" || !Node.isObjectLiteralExpression(lit)) return;
  if (target.kind !== "place" || target.layout.kind !== "struct") {
    L.error(
      Code.OPERAND_TYPE,
      lit,
      `an object literal needs a struct destination, not ${L.describe(target)}`,
    );
    return;
  }
  if (target.region === "ctx") {
    L.error(Code.READ_ONLY, lit, "the program context is read-only");
    return;
  }
  // clear only the bytes no property writes (padding, omitted fields): the kernel hashes and
  // copies whole keys and values, and the verifier rejects reads of uninitialised stack
  const covered = new Uint8Array(sizeOf(target.layout));
  for (const p of lit.getProperties()) {
    const f = target.layout.fields.find((x) => x.name === (p as { getName?(): string }).getName?.());
    if (f && f.bitSize === undefined) covered.fill(1, f.offset, f.offset + sizeOf(f.layout));
  }
  for (let off = 0; off < covered.length; ) {
    if (covered[off]) {
      off++;
      continue;
    }
    let end = off;
    while (end < covered.length && !covered[end]) end++;
    L.zeroRange(target.addr, off, end);
    off = end;
  }
  for (const p of lit.getProperties()) {
    if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p)) {
      L.error(Code.EXPRESSION, p, "only `field: value` properties are supported here");
      continue;
    }
    const f = target.layout.fields.find((x) => x.name === p.getName());
    if (!f) {
      L.error(Code.OPERAND_TYPE, p, `${describeLayout(target.layout)} has no field \`${p.getName()}\``);
      continue;
    }
    const field: Value & { kind: "place" } = {
      ...target,
      layout: f.layout,
      addr: offsetAddr(target.addr, f.offset),
    };
    const init = Node.isPropertyAssignment(p) ? p.getInitializerOrThrow() : p.getNameNode();
    if (Node.isObjectLiteralExpression(init)) initObject(L, field, init);
    else storeInto(L, field, lowerExpr(L, init), init);
  }
}

export { I64, U32 };
