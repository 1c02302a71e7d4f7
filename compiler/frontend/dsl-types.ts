import { Node, type TypeNode } from "ts-morph";
import {
  array,
  bool as boolLayout,
  cstring,
  int,
  struct,
  type FieldSpec,
  type Layout,
} from "../../runtime/layout/index.js";
import { Code } from "../diagnostics/codes.js";
import type { Reporter } from "../diagnostics/report.js";
import { constValueOfTypeNode } from "./constants.js";
import { INT_TYPES, intType, U32, U64, type IntType } from "./int-types.js";
import { stdlibNameOf } from "./intrinsics.js";

/**
 * DSL types as the compiler sees them: integers, bool, and aggregates (structs, fixed arrays,
 * CStrings) described by a runtime/layout `Layout`, the same layout BTF and typed map access use.
 * Types come from the TypeScript type annotations (nodes), resolved through the stdlib
 * declarations they name; TypeScript's own checker only sees `number`.
 */
export type DslType = IntType | { readonly kind: "bool" } | { readonly kind: "agg"; readonly layout: Layout };

export const BOOL: DslType = { kind: "bool" };

export function layoutOf(t: DslType): Layout {
  if (t.kind === "int") return int((t.bits / 8) as 1 | 2 | 4 | 8, t.signed);
  if (t.kind === "bool") return boolLayout;
  return t.layout;
}

export function dslOfLayout(l: Layout): DslType {
  if (l.kind === "int") return intType(l.size * 8, l.signed);
  if (l.kind === "bool") return BOOL;
  return { kind: "agg", layout: l };
}

export function describeType(t: DslType): string {
  if (t.kind === "int") return `${t.signed ? "i" : "u"}${t.bits}`;
  if (t.kind === "bool") return "bool";
  return describeLayout(t.layout);
}

export function describeLayout(l: Layout): string {
  switch (l.kind) {
    case "int":
      return `${l.signed ? "i" : "u"}${l.size * 8}`;
    case "bool":
      return "bool";
    case "cstring":
      return `CString<${l.length}>`;
    case "array":
      return `FixedArray<${describeLayout(l.elem)}, ${l.length}>`;
    case "struct":
    case "union":
      return l.name ?? "struct";
    default:
      return l.kind;
  }
}

/** Resolves type annotations to DSL types, reporting what has no DSL meaning. */
export class TypeResolver {
  private readonly structs = new Map<Node, Layout | undefined>();
  private readonly resolving = new Set<Node>();

  constructor(private readonly reporter: Reporter) {}

  resolve(node: TypeNode): DslType | undefined {
    if (Node.isParenthesizedTypeNode(node)) return this.resolve(node.getTypeNode());
    if (Node.isTypeReference(node)) return this.reference(node);
    const kind = node.getKindName();
    if (kind === "BooleanKeyword") return BOOL;
    if (kind === "NumberKeyword") {
      this.reporter.error(
        Code.UNSUPPORTED_TYPE,
        node,
        "`number` has no width in eBPF",
        "use an integer type from tsbpf: u8, u16, u32, u64, i8, i16, i32 or i64",
      );
      return undefined;
    }
    if (Node.isTypeLiteral(node)) {
      const layout = this.structOf(node, undefined);
      return layout ? { kind: "agg", layout } : undefined;
    }
    this.unsupported(node);
    return undefined;
  }

  private unsupported(node: Node): void {
    this.reporter.error(
      Code.UNSUPPORTED_TYPE,
      node,
      `type \`${node.getText()}\` cannot be represented in an eBPF program`,
      "use integer types (u8…u64, i8…i64), bool, CString<N>, FixedArray<T, N> or an interface of those",
    );
  }

  private reference(node: TypeNode & Node): DslType | undefined {
    if (!Node.isTypeReference(node)) return undefined;
    const nameNode = node.getTypeName();
    const std = stdlibNameOf(nameNode, "type");
    const args = node.getTypeArguments();
    if (std !== undefined) {
      const it = INT_TYPES[std];
      if (it) return it;
      if (std === "bool") return BOOL;
      if (std === "Ptr") return U64;
      if (std === "DataLoc") return U32;
      if (std === "CString" || std === "FixedArray") {
        const lenNode = args[std === "CString" ? 0 : 1];
        const n = lenNode ? constValueOfTypeNode(lenNode) : undefined;
        if (n === undefined || n < 1n || n > 4096n) {
          this.reporter.error(
            Code.UNSUPPORTED_TYPE,
            node,
            `${std} needs a literal length between 1 and 4096`,
          );
          return undefined;
        }
        if (std === "CString") return { kind: "agg", layout: cstring(Number(n)) };
        const elem = args[0] ? this.resolve(args[0]) : undefined;
        return elem ? { kind: "agg", layout: array(layoutOf(elem), Number(n)) } : undefined;
      }
    }
    const sym = nameNode.getSymbol();
    const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
    const decl = target?.getDeclarations()[0];
    if (decl && Node.isInterfaceDeclaration(decl)) {
      const layout = this.structOf(decl, decl.getName());
      return layout ? { kind: "agg", layout } : undefined;
    }
    if (decl && Node.isTypeAliasDeclaration(decl) && args.length === 0) {
      const tn = decl.getTypeNode();
      if (tn) return this.resolve(tn);
    }
    this.unsupported(node);
    return undefined;
  }

  /** C layout of an interface or type literal: members in declaration order, natural alignment. */
  structOf(decl: Node, name: string | undefined): Layout | undefined {
    if (this.structs.has(decl)) return this.structs.get(decl);
    if (this.resolving.has(decl)) {
      this.reporter.error(Code.UNSUPPORTED_TYPE, decl, "a struct cannot contain itself");
      return undefined;
    }
    this.resolving.add(decl);
    const fields: FieldSpec[] = [];
    let ok = true;
    // `interface B extends A { … }`: A's fields first, in A's order, then B's — one flat struct, as
    // TypeScript sees the fields (not C's embedding of A as a member, which would keep A's padding)
    const members: Node[] = [];
    const collect = (d: Node, seen: Set<Node>): void => {
      if (seen.has(d)) return;
      seen.add(d);
      if (Node.isInterfaceDeclaration(d))
        for (const h of d.getExtends()) {
          const sym = h.getExpression().getSymbol();
          const base = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getDeclarations()[0];
          if (base && Node.isInterfaceDeclaration(base) && h.getTypeArguments().length === 0)
            collect(base, seen);
          else {
            this.reporter.error(
              Code.UNSUPPORTED_TYPE,
              h,
              "a struct interface can only extend other struct interfaces",
            );
            ok = false;
          }
        }
      if (Node.isInterfaceDeclaration(d) || Node.isTypeLiteral(d)) members.push(...d.getMembers());
    };
    collect(decl, new Set());
    const names = new Set<string>();
    for (const m of members) {
      if (Node.isPropertySignature(m) && names.has(m.getName())) {
        this.reporter.error(
          Code.UNSUPPORTED_TYPE,
          m,
          `field \`${m.getName()}\` is declared twice (also in a base interface)`,
        );
        ok = false;
        continue;
      }
      if (Node.isPropertySignature(m)) names.add(m.getName());
      if (!Node.isPropertySignature(m)) {
        this.reporter.error(
          Code.UNSUPPORTED_TYPE,
          m,
          "struct interfaces may only have fields",
          "remove methods and index signatures",
        );
        ok = false;
        continue;
      }
      if (m.hasQuestionToken()) {
        this.reporter.error(
          Code.UNSUPPORTED_TYPE,
          m,
          "optional fields have no C layout",
          "make the field required",
        );
        ok = false;
        continue;
      }
      const tn = m.getTypeNode();
      const t = tn ? this.resolve(tn) : undefined;
      if (!t) {
        ok = false;
        continue;
      }
      fields.push([m.getName(), layoutOf(t)]);
    }
    this.resolving.delete(decl);
    const layout = ok ? struct(fields, name !== undefined ? { name } : {}) : undefined;
    this.structs.set(decl, layout);
    return layout;
  }
}
