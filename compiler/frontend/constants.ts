import { Node, SyntaxKind, type Expression, type TypeNode } from "ts-morph";
import { parseIntegerLiteral } from "./int-types.js";

/**
 * Compile-time integer constants: literals (read from their source text, so every bit of a u64
 * survives), module-level `const` numbers, enum members, members of `as const` objects
 * (XdpAction.Pass) and arithmetic on those, evaluated exactly with bigints. Untyped until used.
 */

export type ConstResult = { readonly value: bigint } | { readonly float: true } | undefined;

/** Exact value of a constant expression, or undefined when it is not one. */
export function constValue(expr: Node, depth = 0): bigint | undefined {
  const r = evaluate(expr, depth);
  return r && "value" in r ? r.value : undefined;
}

export function isFloatLiteral(node: Node): boolean {
  return Node.isNumericLiteral(node) && parseIntegerLiteral(node.getText()) === undefined;
}

function evaluate(expr: Node, depth: number): ConstResult {
  if (depth > 64) return undefined;
  if (Node.isNumericLiteral(expr)) {
    const v = parseIntegerLiteral(expr.getText());
    return v === undefined ? { float: true } : { value: v };
  }
  if (Node.isParenthesizedExpression(expr) || Node.isAsExpression(expr) || Node.isSatisfiesExpression(expr))
    return evaluate(expr.getExpression(), depth + 1);
  if (Node.isTrueLiteral(expr)) return { value: 1n };
  if (Node.isFalseLiteral(expr)) return { value: 0n };
  if (Node.isPrefixUnaryExpression(expr)) {
    const v = constValue(expr.getOperand(), depth + 1);
    if (v === undefined) return undefined;
    switch (expr.getOperatorToken()) {
      case SyntaxKind.MinusToken:
        return { value: -v };
      case SyntaxKind.PlusToken:
        return { value: v };
      case SyntaxKind.TildeToken:
        return { value: ~v };
      default:
        return undefined;
    }
  }
  if (Node.isBinaryExpression(expr)) {
    const a = constValue(expr.getLeft(), depth + 1);
    const b = constValue(expr.getRight(), depth + 1);
    if (a === undefined || b === undefined) return undefined;
    const v = binary(expr.getOperatorToken().getText(), a, b);
    return v === undefined ? undefined : { value: v };
  }
  if (Node.isIdentifier(expr) || Node.isPropertyAccessExpression(expr)) {
    const decl = referencedDeclaration(expr);
    if (!decl) return undefined;
    if (Node.isEnumMember(decl)) {
      const v = decl.getValue();
      return typeof v === "number" && Number.isInteger(v) ? { value: BigInt(v) } : undefined;
    }
    if (Node.isVariableDeclaration(decl)) {
      if (decl.getVariableStatement()?.getDeclarationKind() !== "const") return undefined;
      if (!isModuleLevel(decl)) return undefined;
      const init = decl.getInitializer();
      return init ? evaluate(init, depth + 1) : undefined;
    }
    if (Node.isPropertyAssignment(decl)) {
      // a member of a module-level `const X = { ... } as const` object
      const obj = decl.getParent();
      const holder = obj.getParent();
      const vd = Node.isAsExpression(holder) ? holder.getParent() : holder;
      if (!Node.isVariableDeclaration(vd) || vd.getVariableStatement()?.getDeclarationKind() !== "const")
        return undefined;
      const init = decl.getInitializer();
      return init ? evaluate(init, depth + 1) : undefined;
    }
  }
  return undefined;
}

function binary(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0n ? undefined : a / b;
    case "%":
      return b === 0n ? undefined : a % b;
    case "<<":
      return b < 0n || b > 128n ? undefined : a << b;
    case ">>":
    case ">>>":
      return b < 0n || b > 128n ? undefined : a >> b;
    case "&":
      return a & b;
    case "|":
      return a | b;
    case "^":
      return a ^ b;
    case "**":
      return b < 0n || b > 128n ? undefined : a ** b;
    default:
      return undefined;
  }
}

function isModuleLevel(decl: Node): boolean {
  return Node.isSourceFile(decl.getParent()?.getParent()?.getParent());
}

function referencedDeclaration(expr: Node): Node | undefined {
  const nameNode = Node.isPropertyAccessExpression(expr) ? expr.getNameNode() : expr;
  const sym = nameNode.getSymbol();
  const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
  return target?.getDeclarations()[0];
}

/** Value of a literal type (`CString<16>`'s 16). */
export function constValueOfTypeNode(node: TypeNode): bigint | undefined {
  if (Node.isLiteralTypeNode(node)) return constValue(node.getLiteral());
  return undefined;
}

export type { Expression };
