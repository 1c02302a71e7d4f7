import { Node, type Symbol as MorphSymbol } from "ts-morph";
import { isStdlibFile } from "./project.js";

/**
 * Recognises DSL intrinsics by the stdlib declaration a name resolves to (TypeScriptToLua's
 * language-extension idea): `import { HashMap as H } from "tsbpf"` is still a HashMap, and a user's
 * own `HashMap` is not. The result is the declaration's qualified name inside the stdlib, e.g.
 * "HashMap", "KeyedMap.increment", "bpf.ktimeGetNs", "u32", "Packet.at".
 */

function resolveAlias(sym: MorphSymbol): MorphSymbol {
  return sym.isAlias() ? (sym.getAliasedSymbol() ?? sym) : sym;
}

function qualifiedName(decl: Node): string | undefined {
  const parts: string[] = [];
  for (let n: Node | undefined = decl; n; n = n.getParent()) {
    if (Node.isSourceFile(n)) break;
    if (
      Node.isModuleDeclaration(n) ||
      Node.isClassDeclaration(n) ||
      Node.isInterfaceDeclaration(n) ||
      Node.isFunctionDeclaration(n) ||
      Node.isMethodDeclaration(n) ||
      Node.isMethodSignature(n) ||
      Node.isPropertySignature(n) ||
      Node.isPropertyDeclaration(n) ||
      Node.isTypeAliasDeclaration(n) ||
      Node.isVariableDeclaration(n)
    ) {
      const name = n.getName();
      if (name !== undefined) parts.unshift(name);
    }
  }
  return parts.length ? parts.join(".") : undefined;
}

/** Stdlib name of what a symbol resolves to, preferring a declaration of the wanted kind. */
export function stdlibNameOfSymbol(
  sym: MorphSymbol | undefined,
  want?: "value" | "type",
): string | undefined {
  if (!sym) return undefined;
  const target = resolveAlias(sym);
  const decls = target.getDeclarations();
  const pick =
    decls.find((d) =>
      want === "type"
        ? Node.isTypeAliasDeclaration(d) || Node.isInterfaceDeclaration(d) || Node.isClassDeclaration(d)
        : want === "value"
          ? !Node.isTypeAliasDeclaration(d) && !Node.isInterfaceDeclaration(d)
          : true,
    ) ?? decls[0];
  if (!pick || !isStdlibFile(pick.getSourceFile().getFilePath())) return undefined;
  return qualifiedName(pick);
}

/** Stdlib name of an expression (identifier, property access, call callee, `new` target). */
export function stdlibNameOf(node: Node, want: "value" | "type" = "value"): string | undefined {
  let target: Node = node;
  if (Node.isPropertyAccessExpression(node)) target = node.getNameNode();
  return stdlibNameOfSymbol(target.getSymbol(), want);
}

/** The declaration a user identifier refers to (following import aliases). */
export function declarationOf(node: Node): Node | undefined {
  const sym = node.getSymbol();
  if (!sym) return undefined;
  return resolveAlias(sym).getDeclarations()[0];
}
